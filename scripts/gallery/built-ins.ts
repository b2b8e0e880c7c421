/**
 * How WeChat draws its built-in elements, approximated for the gallery's browser (base library defaults:
 * https://developers.weixin.qq.com/miniprogram/dev/component/): blocks and inlines, the default and mini
 * buttons, fields, pictures by their `mode`, and a 375 px screen with the system's Chinese font.
 */
export const BUILT_IN_CSS = `
html, body { margin: 0; }
body { width: 375px; min-height: 100vh; font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; font-size: 16px; line-height: 1.4; -webkit-font-smoothing: antialiased; }
main { display: block; }
[hidden] { display: none !important; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-form, wx-rich-text, wx-navigator, wx-movable-area, wx-picker-view, wx-cover-view, wx-progress, wx-editor { display: block; }
wx-text, wx-label { display: inline; }
wx-text { white-space: pre-wrap; }
wx-scroll-view { width: 100%; overflow: hidden; }
wx-scroll-view[scroll-x] { overflow-x: auto; white-space: nowrap; }
wx-swiper { height: 150px; overflow: hidden; }
wx-swiper-item:not(:first-child) { display: none; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
.gallery-image { width: 100%; height: 100%; background: no-repeat center / 100% 100%; }
.gallery-image-aspectFill { background-size: cover; }
.gallery-image-aspectFit { background-size: contain; }
.gallery-image-widthFix { background-size: contain; min-height: 180px; }
.gallery-field { overflow: hidden; text-overflow: ellipsis; }
wx-button { display: block; position: relative; margin: 0 auto; padding: 0 14px; box-sizing: border-box; width: 184px; font-size: 17px; font-weight: 700; text-align: center; line-height: 2.55555556; border-radius: 5px; color: #000; background-color: #f2f2f2; overflow: hidden; }
wx-button[size='mini'] { display: inline-block; width: auto; line-height: 2.3; font-size: 13px; padding: 0 1.34em; }
wx-button[type='primary'] { color: #fff; background-color: #07c160; }
wx-button[type='warn'] { color: #fa5151; background-color: #f2f2f2; }
wx-button[plain] { background: transparent; border: 1px solid currentColor; }
wx-button[disabled] { opacity: 0.6; }
wx-input { display: block; min-height: 1.4em; overflow: hidden; white-space: nowrap; }
wx-textarea { display: block; width: 300px; height: 150px; overflow: hidden; white-space: pre-wrap; }
.gallery-placeholder { color: #999; }
wx-textarea .gallery-field { white-space: pre-wrap; }
wx-switch { display: inline-block; width: 52px; height: 32px; border-radius: 16px; background: #e5e5e5; vertical-align: middle; }
wx-switch[checked] { background: #07c160; }
wx-checkbox, wx-radio { display: inline-block; width: 22px; height: 22px; border: 1px solid #d1d1d1; vertical-align: middle; margin-right: 5px; }
wx-radio { border-radius: 50%; }
wx-canvas { display: block; width: 300px; height: 150px; }
wx-icon { display: inline-block; width: 23px; height: 23px; }
`;
