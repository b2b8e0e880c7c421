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

/**
 * A synchronous invocation's event (`cloud.callFunction` data): 6 MB, refused with EXCEED_MAX_PAYLOAD_SIZE
 * ("云函数请求体最大限制 ... 其他类型请求体 6MB": https://docs.cloudbase.net/error-code/EXCEED_MAX_PAYLOAD_SIZE,
 * and the SCF quota page above, "同步请求事件大小 6MB").
 */
export const MAX_INVOCATION_EVENT_BYTES = 6 * MB;

/**
 * A synchronous invocation's answer (what the function returns, as JSON): "同步请求响应大小 6MB" on the SCF
 * quota page above. CloudBase's error code for an answer over a limit is EXCEED_MAX_RESPONSE_SIZE
 * (https://docs.cloudbase.net/error-code/EXCEED_MAX_RESPONSE_SIZE); that page states 1 MB without naming the
 * entry point it applies to, so the figure is the functions platform's, for a function called through the SDK.
 */
export const MAX_INVOCATION_RESPONSE_BYTES = 6 * MB;

/**
 * One database answer (the documents of one query, aggregation or document read, as sent): "Database traffic:
 * 16 MB in each packet output" (数据库单次出包大小, https://developers.weixin.qq.com/minigame/en/dev/wxcloud/basis/concepts/quota.html).
 * Refused with EXCEED_MAX_RESPONSE_SIZE (page above), whose advice is exactly the cure: page with skip/limit,
 * narrow with field(). The 1 MB that page states is not used here: with it, one page of 1000 documents of
 * 1 KB each, which the SDK's documented limit of 1000 invites, would already fail.
 */
export const MAX_DATABASE_RESPONSE_BYTES = 16 * MB;

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
