/** 我的证书: my certificates of every kind, newest first; opening one shows it (drawn, savable) by its code. */
import { listMyCertificates, type IssuedCertificate } from '../../services/certificate';
import { chineseDate } from '../../utils/certificate-drawing';
import { CERTIFICATE_KIND_WORDING } from '../../utils/labels';
import { definePagedListPage } from '../../utils/paged-list';
import { routeUrl } from '../../utils/routes';

interface CertificateCard {
  code: string;
  heading: string;
  achievement: string;
  detail: string;
  issued: string;
}

const toCard = (certificate: IssuedCertificate): CertificateCard => ({
  code: certificate.code,
  heading: CERTIFICATE_KIND_WORDING[certificate.kind].heading,
  achievement: certificate.achievement,
  detail: certificate.detail,
  issued: chineseDate(certificate.issuedDay),
});

type CardEvent = WechatMiniprogram.BaseEvent<{}, { code?: string }>;

definePagedListPage({
  fetchPage: (page, pageSize) => listMyCertificates(page, pageSize),
  toView: toCard,
  methods: {
    onOpen(event: CardEvent) {
      const { code } = event.currentTarget.dataset;
      if (code) wx.navigateTo({ url: routeUrl('packageNotice/certificate', { code }) });
    },
  },
});
