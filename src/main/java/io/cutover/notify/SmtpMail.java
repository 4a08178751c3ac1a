package io.cutover.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/** Sends a notice as a plain-text mail through an SMTP server, with STARTTLS as the channel says. */
final class SmtpMail {
    private static final String TIMEOUT_MILLIS = "15000";
    private final Map<String, String> env;

    /** @param env where passwords are read from (the process environment) */
    SmtpMail(Map<String, String> env) {
        this.env = env;
    }

    /** @return null when the server accepted the mail, else what went wrong, for the audit */
    String send(Channel.Email e, String subject, String body) {
        Properties p = new Properties();
        p.put("mail.smtp.host", e.host());
        p.put("mail.smtp.port", Integer.toString(e.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.starttls.enable", Boolean.toString(e.tls() != Channel.Tls.NONE));
        p.put("mail.smtp.starttls.required", Boolean.toString(e.tls() == Channel.Tls.STARTTLS_REQUIRED));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        String password = e.passwordEnv() == null ? null : env.get(e.passwordEnv());
        if (e.passwordEnv() != null && password == null) {
            return "the environment variable " + e.passwordEnv() + " that should hold the SMTP password is not set";
        }
        p.put("mail.smtp.auth", Boolean.toString(e.username() != null));
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(p));
            m.setFrom(new InternetAddress(e.from()));
            for (String to : e.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setText(body, StandardCharsets.UTF_8.name());
            if (e.username() == null) {
                Transport.send(m);
            } else {
                Transport.send(m, e.username(), password == null ? "" : password);
            }
            return null;
        } catch (MessagingException x) {
            return x.getClass().getSimpleName() + ": " + x.getMessage();
        }
    }
}
