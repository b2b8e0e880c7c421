/**
 * 证书查验: opened with `?code=` (from 消息中心, or a code read off a certificate) or typed in, the code is
 * checked with the server and the certificate it names is shown — name, achievement, date — and drawn on a
 * canvas 2d (utils/certificate-drawing.ts, the same drawing as the campaign's 结业证书), which can be saved to
 * the album. An unknown code says so. Anyone may check a code (its 80 random bits are the secret).
 */
import { verifyCertificate } from '../../services/certificate';
import { chineseDate, drawCertificateOnPage, saveCertificateOfPage, type CertificateContent } from '../../utils/certificate-drawing';
import { failureOf } from '../../utils/failure';
import { CERTIFICATE_KIND_WORDING } from '../../utils/labels';
import { definePage } from '../../utils/page';
import { CERTIFICATE_LIMITS } from '../../utils/limits';

interface CertificateInfo {
  memberName: string;
  department: string;
  achievement: string;
  detail: string;
  number: string;
  issued: string;
}

type InputEvent = WechatMiniprogram.CustomEvent<{ value?: string }>;

definePage({
  data: {
    limits: CERTIFICATE_LIMITS,
    code: '',
    checking: false,
    /** Why the last check found nothing, or empty. */
    notice: '',
    certificate: null as CertificateInfo | null,
    message: '',
    drawn: false,
    saving: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const code = (query.code ?? '').trim();
      this.setData({ code });
      return code ? this.check() : Promise.resolve();
    },
    onCodeInput(event: InputEvent) {
      this.setData({ code: event.detail.value ?? '' });
    },
    async check() {
      const code = this.data.code.trim();
      if (this.data.checking) return;
      if (!code) {
        this.setData({ notice: '请输入证书上的验证码' });
        return;
      }
      this.setData({ checking: true, notice: '', certificate: null, drawn: false, message: '' });
      try {
        const found = await verifyCertificate(code);
        const wording = CERTIFICATE_KIND_WORDING[found.kind];
        this.setData({
          certificate: {
            memberName: found.memberName,
            department: found.departmentPath.join(' / '),
            achievement: found.achievement,
            detail: found.detail,
            number: found.number,
            issued: `颁发于 ${chineseDate(found.issuedDay)}`,
          },
        });
        const { memberName, achievement, number, issuedDay } = found;
        await this.draw({ ...wording, memberName, achievement, detail: `${found.detail}，特发此证。`, number, code: found.code, issuedDay });
      } catch (error) {
        // NOT_FOUND: 未找到该证书，请核对验证码; a malformed code: what a code looks like.
        this.setData({ notice: failureOf(error, 'certificate-verify').message });
      } finally {
        this.setData({ checking: false });
      }
    },
    onCheck() {
      return this.check();
    },
    async draw(content: CertificateContent) {
      if (await drawCertificateOnPage(this, content)) this.setData({ drawn: true });
      else this.setData({ message: '当前微信版本无法绘制证书，请升级后重试' });
    },
    async onSave() {
      if (!this.data.drawn || this.data.saving) return;
      this.setData({ saving: true });
      await saveCertificateOfPage(this);
      this.setData({ saving: false });
    },
  },
});
