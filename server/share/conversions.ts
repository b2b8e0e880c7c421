/**
 * Conversions (转化): a member whom someone's share brought to a target, and who then completes the course,
 * signs up for the campaign or votes for the entry, counts one conversion for that share, once per member
 * and target. Other areas call `recordConversion` after their own write succeeded; it never throws (a
 * failure is logged and must not undo a sign-up or a vote) and repeating it changes nothing.
 *
 * Cost: one read for a member no share brought (the common case); otherwise one transaction that marks the
 * attribution converted and increments the share's counter shard.
 */
import type { CourseDoc } from '../../typings/domain';
import type { ShareAttributionDoc, ShareDoc, ShareTargetKind } from '../../typings/docs/share';
import { COLLECTIONS, type Database, findById, txGet } from '../core';
import { docsOf } from '../core/db';
import chunk from 'lodash/chunk';
import { counted, incrementShard } from './counters';

export interface ConversionEvent {
  memberId: string;
  targetKind: ShareTargetKind;
  targetId: string;
  at: Date;
}

/** The attribution of a member to a target: one per member and target, so the first share wins. */
export function attributionId(memberId: string, targetKind: ShareTargetKind, targetId: string): string {
  return `${memberId}:${targetKind}:${targetId}`;
}

/** Counts the conversion; answers whether this call counted it (false: no attribution, or already counted). */
export async function convert(db: Database, event: ConversionEvent): Promise<boolean> {
  const id = attributionId(event.memberId, event.targetKind, event.targetId);
  const seen = await findById<ShareAttributionDoc>(db, COLLECTIONS.shareAttributions, id);
  if (!seen || seen.convertedAt) return false;
  return counted(db, async (tx) => {
    // Re-read inside the transaction: two calls racing for the same member and target count once.
    const attribution = await txGet<ShareAttributionDoc>(tx, COLLECTIONS.shareAttributions, id);
    if (!attribution || attribution.convertedAt) return false;
    const share = await txGet<ShareDoc>(tx, COLLECTIONS.shares, attribution.token);
    if (!share) return false;
    await tx
      .collection(COLLECTIONS.shareAttributions)
      .doc(id)
      .update({ data: { convertedAt: event.at, updatedAt: event.at } });
    await incrementShard(tx, share, 'conversions', event.at);
    return true;
  });
}

export async function recordConversion(db: Database, event: ConversionEvent): Promise<void> {
  try {
    await convert(db, event);
  } catch (err) {
    console.error(`[share] conversion of ${event.memberId} for ${event.targetKind} ${event.targetId} not recorded:`, err);
  }
}

/** Attributions looked up per query by `recordConversions` (a bounded `in` list). Chosen. */
const CONVERSIONS_PER_QUERY = 100;

/**
 * `recordConversion` for many events at once (a timer's batch): one query per 100 events finds the
 * attributions still to convert, so events no share brought cost a hundredth of a read each.
 */
export async function recordConversions(db: Database, events: readonly ConversionEvent[]): Promise<void> {
  const byId = new Map(events.map((event) => [attributionId(event.memberId, event.targetKind, event.targetId), event]));
  for (const ids of chunk([...byId.keys()], CONVERSIONS_PER_QUERY)) {
    let found: ShareAttributionDoc[];
    try {
      found = await docsOf<ShareAttributionDoc>(
        db
          .collection(COLLECTIONS.shareAttributions)
          .where({ _id: db.command.in(ids), convertedAt: null })
          .limit(ids.length),
      );
    } catch (err) {
      console.error(`[share] conversions of ${ids.length} events not looked up:`, err);
      continue;
    }
    for (const attribution of found) {
      const event = byId.get(attribution._id);
      if (event) await recordConversion(db, event);
    }
  }
}

/**
 * A completed course converts the share that brought the member to the course, and the shares that brought
 * them to any series holding it (a series converts when the member completes one of its courses). One query
 * finds which of these attributions exist; the common case (no share involved) costs two reads.
 */
export async function recordCourseConversion(db: Database, memberId: string, courseId: string, at: Date): Promise<void> {
  try {
    const course = await findById<Pick<CourseDoc, 'seriesIds'>>(db, COLLECTIONS.courses, courseId);
    const targets: { kind: ShareTargetKind; id: string }[] = [
      { kind: 'course', id: courseId },
      ...(course?.seriesIds ?? []).map((id) => ({ kind: 'series' as const, id })),
    ];
    const ids = targets.map((target) => attributionId(memberId, target.kind, target.id));
    const found = await docsOf<ShareAttributionDoc>(
      db
        .collection(COLLECTIONS.shareAttributions)
        .where({ _id: db.command.in(ids), convertedAt: null })
        .limit(ids.length),
    );
    for (const attribution of found) await recordConversion(db, { memberId, targetKind: attribution.targetKind, targetId: attribution.targetId, at });
  } catch (err) {
    console.error(`[share] conversions of ${memberId} for course ${courseId} not recorded:`, err);
  }
}
