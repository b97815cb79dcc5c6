//! When an announcement is due: the `at:` option, timezones, and a repeat's next
//! occurrence across DST changes.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::{AnnounceError, Repeat, Schedule, MAX_SCHEDULE_AHEAD};

/// Parses the `at:` option: relative (`in 2h`, `in 90s`, `in 1d 3h`, `in 45m`,
/// `in 1w`) or absolute with an explicit IANA timezone
/// (`2026-12-01 09:00 Europe/Berlin`, seconds optional, `T` between date and time allowed).
///
/// A relative time repeats on `default_timezone`'s wall clock. For an absolute
/// local time that happens twice (clocks going back) the earlier one is taken;
/// one that does not exist (clocks skipping forward) is refused, since any
/// guess would post at a time the moderator did not write.
pub fn parse_at(input: &str, now: DateTime<Utc>, default_timezone: Tz) -> Result<Schedule, AnnounceError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(AnnounceError::EmptyAt);
    }
    let lower = input.to_ascii_lowercase();
    let schedule = if let Some(rest) = lower.strip_prefix("in ").or_else(|| lower.strip_prefix("in\t")) {
        let delay = parse_duration(rest.trim()).map_err(|error| match error {
            DurationError::Syntax => AnnounceError::BadRelative(input.to_owned()),
            DurationError::Unit(unit) => AnnounceError::UnknownUnit(unit),
            DurationError::Overflow => AnnounceError::TooFarAhead(input.to_owned()),
        })?;
        if delay > MAX_SCHEDULE_AHEAD {
            return Err(AnnounceError::TooFarAhead(input.to_owned()));
        }
        Schedule { due_at: now + delay, timezone: default_timezone }
    } else {
        parse_absolute(input)?
    };
    if schedule.due_at <= now {
        return Err(AnnounceError::NotInFuture(input.to_owned()));
    }
    if schedule.due_at - now > MAX_SCHEDULE_AHEAD {
        return Err(AnnounceError::TooFarAhead(input.to_owned()));
    }
    Ok(schedule)
}

enum DurationError {
    Syntax,
    Unit(String),
    Overflow,
}

/// `1d 3h`, `1d3h`, `90s`, `2 hours`, `1h, 30m`: numbers each followed by a unit.
fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let mut total: i64 = 0;
    let mut parts = 0;
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut number = String::new();
        while let Some(c) = chars.peek().filter(|c| c.is_ascii_digit()) {
            number.push(*c);
            chars.next();
        }
        if number.is_empty() {
            return Err(DurationError::Syntax);
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut unit = String::new();
        while let Some(c) = chars.peek().filter(|c| c.is_alphabetic()) {
            unit.push(*c);
            chars.next();
        }
        let unit_secs: i64 = match unit.as_str() {
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "d" | "day" | "days" => 86_400,
            "w" | "wk" | "week" | "weeks" => 7 * 86_400,
            "" => return Err(DurationError::Syntax),
            other => return Err(DurationError::Unit(other.to_owned())),
        };
        let value: i64 = number.parse().map_err(|_| DurationError::Overflow)?;
        total = value
            .checked_mul(unit_secs)
            .and_then(|secs| total.checked_add(secs))
            .filter(|secs| *secs <= MAX_SCHEDULE_AHEAD.num_seconds() * 2)
            .ok_or(DurationError::Overflow)?;
        parts += 1;
    }
    if parts == 0 {
        return Err(DurationError::Syntax);
    }
    Ok(Duration::seconds(total))
}

fn parse_absolute(input: &str) -> Result<Schedule, AnnounceError> {
    let bad = || AnnounceError::BadAbsolute(input.to_owned());
    let mut words: Vec<&str> = input.split_whitespace().collect();
    // `2026-12-01T09:00 Europe/Berlin` is the same as with a space.
    if let Some((date, time)) = words.first().and_then(|first| first.split_once(['T', 't'])) {
        if !date.is_empty() && !time.is_empty() {
            let rest = words[1..].to_vec();
            words = [date, time].into_iter().chain(rest).collect();
        }
    }
    let (date, time, zone) = match words.as_slice() {
        [date, time, zone] => (*date, *time, *zone),
        [date, time] => {
            // Refuse rather than guess the server's zone: a wrong guess posts at the wrong hour.
            parse_date(date).ok_or_else(bad)?;
            parse_time(time).ok_or_else(bad)?;
            return Err(AnnounceError::MissingTimezone(format!("{date} {time}")));
        }
        _ => return Err(bad()),
    };
    let date = parse_date(date).ok_or_else(bad)?;
    let time = parse_time(time).ok_or_else(bad)?;
    let timezone = parse_timezone(zone)?;
    let local = date.and_time(time);
    let due_at = match timezone.from_local_datetime(&local) {
        LocalResult::Single(at) => at,
        // Clocks going back: the first of the two (documented above).
        LocalResult::Ambiguous(earlier, _later) => earlier,
        LocalResult::None => {
            return Err(AnnounceError::NonexistentLocalTime {
                local: local.format("%Y-%m-%d %H:%M").to_string(),
                timezone: timezone.name().to_owned(),
            })
        }
    };
    Ok(Schedule { due_at: due_at.with_timezone(&Utc), timezone })
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S")).ok()
}

/// An IANA timezone name, case-insensitively (`europe/berlin`, `utc`).
pub fn parse_timezone(name: &str) -> Result<Tz, AnnounceError> {
    name.parse::<Tz>()
        .ok()
        .or_else(|| chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| tz.name().eq_ignore_ascii_case(name)))
        .ok_or_else(|| AnnounceError::UnknownTimezone(name.to_owned()))
}

/// The first occurrence of a repeating series strictly after `after`, keeping
/// the wall-clock time of `anchor` in `timezone` (09:00 Berlin stays 09:00
/// across daylight-saving changes). `None` for a one-off.
///
/// Occurrences missed while the bot was down are skipped, not caught up: a
/// daily reminder posted three times in a row on start-up helps nobody. When
/// an occurrence's wall time does not exist (clocks skipping forward) it is
/// posted as far after the gap's start as it would have been before it (02:30
/// becomes 03:30), like calendar apps do; when it exists twice, the earlier.
pub fn next_occurrence(
    anchor: DateTime<Utc>,
    timezone: Tz,
    repeat: Repeat,
    after: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let step = repeat.step_days()?;
    let anchor_local = anchor.with_timezone(&timezone).naive_local();
    // Start near the answer instead of walking from the anchor: a year of dailies is 365 steps.
    let elapsed_days = (after - anchor).num_days().max(0) as u64;
    let mut k = (elapsed_days / step).saturating_sub(1).max(1);
    loop {
        let local = anchor_local.checked_add_days(chrono::Days::new(k * step))?;
        let at = resolve_repeat_local(timezone, local);
        if at > after {
            return Some(at);
        }
        k += 1;
    }
}

fn resolve_repeat_local(timezone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match timezone.from_local_datetime(&local) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _later) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            // In a gap: read the wall time with the offset in force a day before
            // (before the jump; no zone changes offset twice in a day).
            let before = timezone.offset_from_utc_datetime(&(local - Duration::days(1))).fix();
            (local - Duration::seconds(i64::from(before.local_minus_utc()))).and_utc()
        }
    }
}

#[cfg(test)]
mod properties {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    /// `in …` with numbers of any size and units real, near-real and made up.
    fn relative() -> impl Strategy<Value = String> {
        let number = prop_oneof!["[0-9]{1,3}", "[0-9]{4,25}", Just(String::new())];
        let unit = prop_oneof![
            "(s|m|h|d|w|sec|mins|hour|hours|days|wk|weeks)",
            "[a-zA-Zé]{1,6}",
            Just(String::new()),
            "\\PC{0,3}",
        ];
        let part = (number, "[ ]{0,2}", unit).prop_map(|(n, space, u)| format!("{n}{space}{u}"));
        (prop::collection::vec(part, 0..4), "(in |IN |in\t|In  )", "[ ,]{1,2}")
            .prop_map(|(parts, prefix, separator)| format!("{prefix}{}", parts.join(&separator)))
    }

    /// `YYYY-MM-DD HH:MM[:SS] Zone` with every field sometimes out of range, extreme years
    /// included, and zones real, miscased and made up.
    fn absolute() -> impl Strategy<Value = String> {
        let year = prop_oneof![1900i64..2100, -300_000i64..300_000, Just(262_143), Just(-262_143)];
        let zone = prop_oneof![
            Just("Europe/Berlin".to_owned()),
            Just("utc".to_owned()),
            Just("America/New_York".to_owned()),
            Just("Pacific/Kiritimati".to_owned()),
            Just("Etc/GMT-14".to_owned()),
            Just("Europe/Nowhere".to_owned()),
            "[A-Za-z/_+-]{0,20}",
            Just(String::new()),
        ];
        (year, 0u32..14, 0u32..34, 0u32..26, 0u32..62, prop::option::of(0u32..62), "[ T]", zone).prop_map(
            |(y, mo, d, h, mi, s, sep, zone)| {
                let seconds = s.map(|s| format!(":{s:02}")).unwrap_or_default();
                format!("{y}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}{seconds} {zone}")
            },
        )
    }

    fn any_at() -> impl Strategy<Value = String> {
        prop_oneof![relative(), absolute(), "\\PC{0,40}", "[0-9 :T/-]{0,30}"]
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 29, 0, 30, 0).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn the_time_parser_never_panics_and_its_errors_name_the_problem(input in any_at()) {
            let trimmed = input.trim();
            let lower = trimmed.to_ascii_lowercase();
            match parse_at(&input, now(), chrono_tz::Europe::Berlin) {
                Ok(schedule) => {
                    prop_assert!(schedule.due_at > now(), "in the future");
                    prop_assert!(schedule.due_at - now() <= MAX_SCHEDULE_AHEAD, "within a year");
                }
                Err(error) => {
                    let message = error.to_string();
                    prop_assert!(!message.ends_with('.') && !message.starts_with(char::is_uppercase), "house style: {message}");
                    match &error {
                        AnnounceError::EmptyAt => prop_assert!(trimmed.is_empty()),
                        AnnounceError::BadRelative(text)
                        | AnnounceError::BadAbsolute(text)
                        | AnnounceError::NotInFuture(text)
                        | AnnounceError::TooFarAhead(text) => prop_assert_eq!(text, trimmed, "quotes what was typed"),
                        AnnounceError::UnknownUnit(unit) => {
                            prop_assert!(!unit.is_empty() && lower.contains(unit.as_str()), "names the unit: {message}")
                        }
                        AnnounceError::UnknownTimezone(zone) => {
                            prop_assert!(!zone.is_empty() && trimmed.contains(zone.as_str()), "names the zone: {message}")
                        }
                        AnnounceError::MissingTimezone(when) => {
                            prop_assert!(when.split(' ').all(|part| trimmed.contains(part)), "names the time: {message}")
                        }
                        AnnounceError::NonexistentLocalTime { timezone, .. } => {
                            prop_assert!(lower.contains(&timezone.to_lowercase()), "names the zone: {message}")
                        }
                        other => prop_assert!(false, "parse_at cannot fail with {other:?}"),
                    }
                }
            }
        }
    }
}
