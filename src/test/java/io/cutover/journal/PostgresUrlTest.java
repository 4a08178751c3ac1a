package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A store URL carrying a password, in any spelling, is refused naming the option and never repeating the secret. */
class PostgresUrlTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://cutover:s3cret@127.0.0.1:55432/c4",
                "jdbc:postgresql://cutover:s3cret@127.0.0.1/c4",
                "jdbc:postgresql://cutover:s3cret@db1:5432,db2:5432/c4?user=cutover",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover;password=s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?password=s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover&password=s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover&ssl=true&password=s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover&PASSWORD=s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover&Password=s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover&pass%77ord=s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover&%70assword=s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover& password =s3cret",
                "jdbc:postgresql://127.0.0.1:55432/c4?user=cutover&sslpassword=s3cret",
                "jdbc:postgresql:c4?password=s3cret",
                "jdbc:postgresql://127.0.0.1:55433/cut;password=s3cret",
                "jdbc:postgresql://127.0.0.1:55433/cut?user=cut&password%3Ds3cret",
                "jdbc:postgresql://127.0.0.1:55433/cut?user=cut&%2570assword=s3cret",
                "jdbc:postgresql://127.0.0.1:55433/cut#password=s3cret",
                "jdbc:postgresql://127.0.0.1:55433/cut?user=cut&options=-c%20password=s3cret"
            })
    void a_url_carrying_a_password_in_any_spelling_is_refused_naming_the_option_without_the_secret(String url) {
        assertThatThrownBy(() -> Store.Postgres.given("--to", url, null))
                .isInstanceOf(CutoverException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessageStartingWith("--to")
                .hasMessageContaining(Store.PASSWORD_VARIABLE)
                .hasMessageContaining("--to-password-file")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void credentials_before_the_host_are_named_as_such() {
        assertThatThrownBy(() -> Store.Postgres.given("--store", "jdbc:postgresql://cutover:s3cret@db/c4", null))
                .hasMessageContaining("--store: the URL carries credentials before the host")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void a_url_of_another_kind_is_refused_without_repeating_it() {
        assertThatThrownBy(() -> Store.Postgres.given("--store", "jdbc:mysql://cutover:s3cret@db/c4", null))
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessageContaining("--store takes a PostgreSQL JDBC URL")
                .hasMessageContaining("jdbc:mysql:")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void a_url_the_driver_cannot_read_is_refused_naming_the_option() {
        assertThatThrownBy(() -> Store.Postgres.given("--store", "jdbc:postgresql://db:port/c4", null))
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessageStartingWith("--store: the PostgreSQL driver cannot read");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://db01:5432/cutover?user=cutover",
                "jdbc:postgresql://db01/cutover?user=a%40b&ssl=true",
                "jdbc:postgresql://[::1]:5432/cutover",
                "jdbc:postgresql://db1:5432,db2:5432/cutover?user=cutover&targetServerType=primary",
                "jdbc:postgresql://db01/cutover?user=cutover&sslpasswordcallback=org.example.Prompt"
            })
    void a_url_without_a_password_is_kept_as_given(String url) {
        assertThat(Store.Postgres.given("--store", url, "pw").url()).isEqualTo(url);
    }
}
