package io.infrapivot.source.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistrationDatesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2023-08-14T07:01:38Z | 2023-08-14T07:01:38Z",
            "2023-08-14T07:01:38.123456Z | 2023-08-14T07:01:38Z",
            "2023-08-14T02:01:38-05:00 | 2023-08-14T07:01:38Z",
            "2023-08-14T09:01:38+0200 | 2023-08-14T07:01:38Z",
            "2023-08-14 07:01:38 | 2023-08-14T07:01:38Z",
            "2023-08-14 07:01:38 UTC | 2023-08-14T07:01:38Z",
            "2023-08-14 15:01:38 (GMT+8:00) | 2023-08-14T07:01:38Z",
            "2023-08-14 | 2023-08-14T00:00:00Z",
            "Mon Mar 15 2004 | 2004-03-15T00:00:00Z",
            "12-03-2012 | 2012-03-12T00:00:00Z",
            "March 15, 2004 | 2004-03-15T00:00:00Z",
            "Sep. 3, 2021 10:11:12 | 2021-09-03T10:11:12Z",
            "Tue Jan  1 10:11:12 2002 | 2002-01-01T10:11:12Z",
            "Tue Jan 1 10:11:12 GMT 2002 | 2002-01-01T10:11:12Z",
            "14-Aug-2023 | 2023-08-14T00:00:00Z",
            "14-aug-2023 07:01:38 GMT | 2023-08-14T07:01:38Z",
            "14 August 2023 | 2023-08-14T00:00:00Z",
            "2023.08.14 | 2023-08-14T00:00:00Z",
            "2023. 08. 14. | 2023-08-14T00:00:00Z",
            "2023/08/14 | 2023-08-14T00:00:00Z",
            "2023/08/14 16:01:38 (JST) | 2023-08-14T07:01:38Z",
            "20230814 | 2023-08-14T00:00:00Z",
            "19990304 #24532 | 1999-03-04T00:00:00Z",
            "14.08.2023 | 2023-08-14T00:00:00Z",
            "before Aug-1996 | 1996-08-01T00:00:00Z",
            "2023-08-14T10:01:38 MSK | 2023-08-14T07:01:38Z"})
    void readsRegistryDateFormats(String text, String expected) {
        assertThat(RegistrationDates.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void zoneLessDateUsesTheRegistrysZone() {
        assertThat(RegistrationDates.parse("2001/05/11", ZoneOffset.ofHours(9)))
                .isEqualTo(Instant.parse("2001-05-10T15:00:00Z"));
    }

    @Test
    void nonDatesAreNull() {
        assertThat(RegistrationDates.parse("never")).isNull();
        assertThat(RegistrationDates.parse("2023-13-45")).isNull();
        assertThat(RegistrationDates.parse("")).isNull();
        assertThat(RegistrationDates.parse(null)).isNull();
    }

    @Test
    void findsDatesInFreeText() {
        assertThat(RegistrationDates.findAll("made 2019-03-04, paid to 04-Mar-2027; again 2019-03-04"))
                .containsExactly(Instant.parse("2019-03-04T00:00:00Z"), Instant.parse("2027-03-04T00:00:00Z"));
    }
}
