/**
 * 结业证书: once I have checked in on the campaign's share of planned days, the certificate (name, campaign,
 * days, number, date) is drawn on a canvas 2d and can be saved to the album (exported with
 * utils/canvas.ts, then saved with the permission flow of utils/album.ts). Before that, how many days are
 * still needed.
 */
import { getMyCertificate, type CertificateStatus } from '../../services/campaign';
import { defineLoadedPage } from '../../utils/loaded-page';
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

type CertificateAnswer = Awaited<ReturnType<typeof getMyCertificate>>;

function certificateInfo(certificate: NonNullable<CertificateAnswer['certificate']>): CertificateInfo {
  return {
    number: certificate.number,
    title: certificate.campaignTitle,
    days: `累计打卡 ${certificate.daysCheckedIn}/${certificate.plannedDays} 天`,
    issued: `颁发于 ${chineseDate(certificate.issuedDay)}`,
  };
}

defineLoadedPage({
  where: 'certificate',
  data: {
    campaignId: '',
    certificate: null as CertificateInfo | null,
    progress: '',
    drawn: false,
    saving: false,
  },
  readQuery: (query) => ({ campaignId: query.id ?? '' }),
  refuse() {
    return this.data.campaignId ? '' : '活动不存在或已删除';
  },
  fetch() {
    return getMyCertificate(this.data.campaignId);
  },
  show: (status: CertificateStatus) =>
    status.certificate ? { certificate: certificateInfo(status.certificate) } : { certificate: null, progress: progressText(status) },
  async afterShow(status) {
    const certificate = status.certificate;
    if (!certificate) return;
    const content: CertificateContent = {
      heading: '结业证书',
      memberName: certificate.memberName,
      lead: '完成打卡活动',
      achievement: certificate.campaignTitle,
      detail: `累计打卡 ${certificate.daysCheckedIn} 天（共 ${certificate.plannedDays} 天），特发此证。`,
      number: certificate.number,
      issuedDay: certificate.issuedDay,
    };
    if (await drawCertificateOnPage(this, content)) this.setData({ drawn: true });
    else this.setData({ message: '当前微信版本无法绘制证书，请升级后重试' });
  },
  methods: {
    async onSave() {
      if (!this.data.drawn || this.data.saving) return;
      this.setData({ saving: true });
      await saveCertificateOfPage(this);
      this.setData({ saving: false });
    },
  },
});
