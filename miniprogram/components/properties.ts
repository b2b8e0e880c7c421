/** Property declarations the kit's components share (https://developers.weixin.qq.com/miniprogram/dev/reference/api/Component.html). */

/** A text property, '' unless given. */
export const textProperty = (value = '') => ({ type: String, value });

/** A switch property, false unless given. */
export const flagProperty = (value = false) => ({ type: Boolean, value });
