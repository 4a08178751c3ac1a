package io.cutover.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts a notice to a webhook: one request, any 2xx answer is delivered. */
final class WebhookPost {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** @return null when delivered, else what went wrong, for the audit */
    String send(Channel.Webhook w, String body) {
        HttpRequest request = HttpRequest.newBuilder(w.url())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "cutover")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                return null;
            }
            String answer = r.body() == null ? "" : r.body();
            return "HTTP " + r.statusCode() + (answer.isBlank() ? "" : ": " + first(answer, 200));
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static String first(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n) + "...";
    }
}
