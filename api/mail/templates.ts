export { otpSubject, composeOtpMail, type OtpMailInput } from './templates/otp-mail.ts';
export { verificationSubject, composeVerificationMail, type VerificationMailInput } from './templates/verification-mail.ts';
export { changeNoticeSubject, composeChangeNotice, type ChangeNoticeInput } from './templates/change-notice.ts';
export { PRODUCT_NAME } from './templates/layout.ts';
export { escapeHtml } from './templates/html.ts';
export { testMailSubject, composeTestMail, type TestMailInput } from './templates/test-mail.ts';
