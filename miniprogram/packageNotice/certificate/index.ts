/**
 * 证书查验: opened with `?code=` (from 消息中心, or a code read off a certificate) or typed in, the code is
 * checked with the server and the certificate it names is shown — name, achievement, date — and drawn on a
 * canvas 2d (utils/certificate-drawing.ts, the same drawing as the campaign's 结业证书), which can be saved to
 * the album. An unknown code says so. Anyone may check a code (its 80 random bits are the secret).
 */
import { verifyCertificate } from '../../services/certificate';
import { chineseDate, drawCertificateOnPage, saveCertificateOfPage, type CertificateContent } from '../../utils/certificate-drawing';
import { CERTIFICATE_KIND_WORDING } from '../../utils/labels';
import { defineFormPage } from '../../utils/form-page';
import { CERTIFICATE_LIMITS } from '../../utils/limits';

interface CertificateInfo {
  memberName: string;
  department: string;
  achievement: string;
  detail: string;
  number: string;
  issued: string;
}

type Verified = Awaited<ReturnType<typeof verifyCertificate>>;

async function draw(page: WechatMiniprogram.Component.TrivialInstance, content: CertificateContent): Promise<void> {
  if (await drawCertificateOnPage(page, content)) page.setData({ drawn: true });
  else page.setData({ message: '当前微信版本无法绘制证书，请升级后重试' });
}

defineFormPage({
  where: 'certificate-verify',
  form: { code: '' },
  data: {
    limits: CERTIFICATE_LIMITS,
    certificate: null as CertificateInfo | null,
    drawn: false,
    saving: false,
  },
  validate(form) {
    const code = form.code.trim();
    // NOT_FOUND and a malformed code are the server's to say (its message says what a code looks like).
    return code ? { ok: true, value: code } : { ok: false, errors: { code: '请输入证书上的验证码' } };
  },
  submit(code) {
    this.setData({ certificate: null, drawn: false, message: '' });
    return verifyCertificate(code);
  },
  async done(found: Verified) {
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
    await draw(this, { ...wording, memberName, achievement, detail: `${found.detail}，特发此证。`, number, code: found.code, issuedDay });
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const code = (query.code ?? '').trim();
      this.setData({ 'form.code': code, status: 'ready' });
      return code ? this.onSubmit() : Promise.resolve();
    },
    async onSave() {
      if (!this.data.drawn || this.data.saving) return;
      this.setData({ saving: true });
      await saveCertificateOfPage(this);
      this.setData({ saving: false });
    },
  },
});
