/**
 * Pictures of a form (check-in pictures, a cover, an item's pictures): the ones uploaded as thumbnails (tap to
 * preview, × to remove) and a tile that chooses and uploads more through the one media module
 * (services/media.ts), up to `max` (a contract limit, utils/limits.ts). Events: change { pictures } with the
 * whole new list of { fileID, url }; busy { uploading } so the page can hold its submit; error { message }.
 */
import { chooseAndUploadPictures } from '../../services/media';
import type { UploadPurpose } from '../../services/uploads';
import { failureOf } from '../../utils/failure';
import { pictureUrls } from '../../utils/pictures';

export interface PickedPicture {
  fileID: string;
  url: string;
}

Component({
  properties: {
    pictures: { type: Array, value: [] as PickedPicture[] },
    max: { type: Number, value: 9 },
    purpose: { type: String, value: '' },
    disabled: { type: Boolean, value: false },
  },
  data: { uploading: false },
  methods: {
    async onAdd() {
      const current = this.data.pictures as PickedPicture[];
      const room = this.data.max - current.length;
      if (this.data.uploading || this.data.disabled || room <= 0) return;
      this.setData({ uploading: true });
      this.triggerEvent('busy', { uploading: true });
      try {
        const { fileIDs, error } = await chooseAndUploadPictures(this.data.purpose as UploadPurpose, room);
        if (fileIDs.length > 0) {
          const urls = await pictureUrls(fileIDs);
          const added = fileIDs.map((fileID) => ({ fileID, url: urls[fileID] ?? '' }));
          this.triggerEvent('change', { pictures: [...current, ...added].slice(0, this.data.max) });
        }
        if (error) this.triggerEvent('error', { message: failureOf(error, 'picture-picker', '图片上传失败，请重试').message });
      } finally {
        this.setData({ uploading: false });
        this.triggerEvent('busy', { uploading: false });
      }
    },
    onRemove(event: WechatMiniprogram.BaseEvent<{}, { index?: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const pictures = (this.data.pictures as PickedPicture[]).filter((_, at) => at !== index);
      this.triggerEvent('change', { pictures });
    },
    onPreview(event: WechatMiniprogram.BaseEvent<{}, { index?: number }>) {
      const urls = (this.data.pictures as PickedPicture[]).map((picture) => picture.url || picture.fileID);
      const current = urls[Number(event.currentTarget.dataset.index)];
      if (current) wx.previewImage({ urls, current });
    },
  },
});
