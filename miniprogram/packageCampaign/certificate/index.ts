/**
 * 结业证书: once I have checked in on the campaign's share of planned days, the certificate (name, campaign,
 * days, number, date) is drawn on a canvas 2d and can be saved to the album (exported with
 * utils/canvas.ts, then saved with the permission flow of utils/album.ts). Before that, how many days are
 * still needed.
 */
import { getMyCertificate, type CertificateStatus } from '../../services/campaign';
import { failedLoad } from '../../utils/failure';
import { definePage } from '../../utils/page';
import type { ListStatus } from '../../utils/paged-list';
import { chineseDate, drawCertificateOnPage, saveCertificateOfPage, type CertificateContent } from '../../utils/certificate-drawing';

interface CertificateInfo {
  number: string;
  title: string;
  days: string;
  issued: string;
}

function progressText(status: CertificateStatus): string {
  const left = Math.max(0, status.daysRequired - status.daysDone);
  return `已打卡 ${status.daysDone} 天，打卡满 ${status.daysRequired} 天（活动的 ${status.certificatePercent}%）即可获得结业证书，还差 ${left} 天`;
}

definePage({
  data: {
    status: 'loading' as ListStatus,
    message: '',
    campaignId: '',
    certificate: null as CertificateInfo | null,
    progress: '',
    drawn: false,
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ campaignId: query.id ?? '' });
      return this.load();
    },
    async load() {
      if (!this.data.campaignId) {
        this.setData({ status: 'error', message: '活动不存在或已删除' });
        return;
      }
      try {
        const status = await getMyCertificate(this.data.campaignId);
        const certificate = status.certificate;
        if (!certificate) {
          this.setData({ status: 'ready', certificate: null, progress: progressText(status) });
          return;
        }
        this.setData({
          status: 'ready',
          certificate: {
            number: certificate.number,
            title: certificate.campaignTitle,
            days: `累计打卡 ${certificate.daysCheckedIn}/${certificate.plannedDays} 天`,
            issued: `颁发于 ${chineseDate(certificate.issuedDay)}`,
          },
        });
        await this.draw({
          heading: '结业证书',
          memberName: certificate.memberName,
          lead: '完成打卡活动',
          achievement: certificate.campaignTitle,
          detail: `累计打卡 ${certificate.daysCheckedIn} 天（共 ${certificate.plannedDays} 天），特发此证。`,
          number: certificate.number,
          issuedDay: certificate.issuedDay,
        });
      } catch (error) {
        this.setData(failedLoad(error, 'certificate'));
      }
    },
    async draw(content: CertificateContent) {
      if (await drawCertificateOnPage(this, content)) this.setData({ drawn: true });
      else this.setData({ message: '当前微信版本无法绘制证书，请升级后重试' });
    },
    onRetry() {
      return this.load();
    },
    async onSave() {
      if (!this.data.drawn || this.data.saving) return;
      this.setData({ saving: true });
      await saveCertificateOfPage(this);
      this.setData({ saving: false });
    },
  },
});
