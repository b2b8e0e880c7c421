/**
 * The limits the local cloud enforces so that what CloudBase would refuse fails here first, each with where
 * it comes from. Where CloudBase documents no figure, the choice and its reason are written beside it.
 * Every refusal is tested through the unchanged wx-server-sdk in test/emulator/strictness.test.ts.
 */

const MB = 1024 * 1024;

/**
 * One document, as stored. CloudBase's document database is MongoDB-compatible and its pages give no
 * per-document figure (https://docs.cloudbase.net/database/introduce); MongoDB's BSON document limit is
 * 16 MB (https://www.mongodb.com/docs/manual/reference/limits/#mongodb-limit-BSON-Document-Size). We chose
 * that figure, measured on the stored relaxed-EJSON text, which is close to (and for strings slightly above)
 * the BSON size. A single request cannot carry such a document (see MAX_REQUEST_BODY_BYTES); updates that
 * grow one (`_.push`, `_.set` of a long string) can.
 */
export const MAX_DOCUMENT_BYTES = 16 * MB;

/**
 * One server-protocol request body. CloudBase documents no figure for database requests; a synchronous
 * function invocation's event is capped at 6 MB by the functions platform CloudBase runs on (SCF quota page,
 * "Sync request event size": https://cloud.tencent.com/document/product/583/11637). We keep 10 MB for the
 * whole body (a batch `add` of many documents is one body) and check the invocation event separately.
 */
export const MAX_REQUEST_BODY_BYTES = 10 * MB;

/** A synchronous invocation's event (`cloud.callFunction` data), per the SCF quota page above. */
export const MAX_INVOCATION_EVENT_BYTES = 6 * MB;

/**
 * Documents one transaction may read or write (distinct documents). CloudBase documents that a transaction
 * allows single-document operations only (https://docs.cloudbase.net/database/transaction,
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/transaction.html) but no count;
 * MongoDB bounds a transaction by its 16 MB oplog entry and 60 s lifetime, not by a count. We chose 1000,
 * CloudBase's own cap on documents per request elsewhere (a query answers at most 1000, a batch `add` takes
 * at most 1000), so a transaction never handles more documents than one request could; our transactions
 * touch a handful.
 */
export const MAX_TRANSACTION_DOCUMENTS = 1000;

/**
 * A function's code, uncompressed: SCF's quota page gives 500 MB per function version, layers included
 * ("Maximum code size (including bound layers) per function (version) before compression":
 * https://cloud.tencent.com/document/product/583/11637). The zipped upload has its own, smaller cap that
 * depends on the upload route; the local cloud has no upload, so it checks the uncompressed folder only.
 */
export const MAX_FUNCTION_CODE_BYTES = 500 * MB;
