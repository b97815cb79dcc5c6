//! `/faq stats`: what people asked over a period, as numbers and as a PNG chart.
//!
//! The chart is drawn into memory with plotters and encoded with `png`; its
//! font is built into the binary, so it renders the same on a server with no
//! fonts installed.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use plotters::prelude::*;
use plotters::style::{FontStyle, RGBColor};
use thiserror::Error;

/// The period `/faq stats` covers when none is given.
pub const DEFAULT_DAYS: u32 = 30;

/// The longest period `/faq stats` covers: the store keeps everything, but a
/// chart of years mixes FAQ versions too different to compare.
pub const MAX_DAYS: u32 = 365;

/// Entries shown in the chart: more bars than this are unreadable in a Discord preview.
pub const CHART_MAX_ENTRIES: usize = 10;

/// DejaVu Sans (Bitstream Vera license, see `assets/fonts/LICENSE-DejaVu.txt`).
static FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const FONT_FAMILY: &str = "optout-bot-sans";

const WIDTH: u32 = 900;
const ROW_HEIGHT: u32 = 34;
const HEADER_HEIGHT: u32 = 70;
const FOOTER_HEIGHT: u32 = 60;
const LABEL_WIDTH: i32 = 300;
const MARGIN: i32 = 20;

const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const BAR: RGBColor = RGBColor(0x0A, 0x66, 0xC2);

#[derive(Debug, Error)]
pub enum StatsError {
    #[error("days must be between 1 and {max}", max = MAX_DAYS)]
    DaysOutOfRange,
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    #[error("cannot encode the chart: {0}")]
    Encode(String),
}

/// Counts over a period, for `/faq stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// Answers per entry id, most answered first (ties by id).
    pub answers_by_entry: Vec<(String, u64)>,
    pub answered: u64,
    pub declined: u64,
    pub helpful: u64,
    pub not_helpful: u64,
}

/// Usage over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub days: u32,
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// Answers per entry id, most answered first.
    pub most_asked: Vec<(String, u64)>,
    pub answered: u64,
    pub declined: u64,
    pub helpful: u64,
    pub not_helpful: u64,
}

impl Stats {
    /// Declined questions out of all questions answered or declined; `None` with no questions.
    pub fn decline_rate(&self) -> Option<f64> {
        ratio(self.declined, self.answered + self.declined)
    }

    /// "Helpful" votes out of all votes; `None` with no votes.
    pub fn helpful_ratio(&self) -> Option<f64> {
        ratio(self.helpful, self.helpful + self.not_helpful)
    }

    /// The numbers, for beside the chart (and for anyone who cannot see it).
    pub fn summary(&self) -> String {
        let percent = |value: Option<f64>| value.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0));
        let mut lines = vec![
            format!("last {} days: {} answered, {} declined", self.days, self.answered, self.declined),
            format!("decline rate: {}", percent(self.decline_rate())),
            format!(
                "helpful votes: {} ({} helpful, {} not helpful)",
                percent(self.helpful_ratio()),
                self.helpful,
                self.not_helpful
            ),
        ];
        if self.most_asked.is_empty() {
            lines.push("most asked: none yet".to_owned());
        } else {
            lines.push("most asked:".to_owned());
            lines.extend(
                self.most_asked.iter().take(CHART_MAX_ENTRIES).map(|(entry, count)| format!("- {entry}: {count}")),
            );
        }
        lines.join("\n")
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The period `days` back from `now` (`None`: [`DEFAULT_DAYS`]): `(days, since)`.
pub fn period(days: Option<u32>, now: DateTime<Utc>) -> Result<(u32, DateTime<Utc>), StatsError> {
    let days = days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(StatsError::DaysOutOfRange);
    }
    Ok((days, now - Duration::days(i64::from(days))))
}

/// A guild's usage over the `days` up to `now`, from the counts the store gave since then.
pub fn collect(activity: Activity, days: u32, since: DateTime<Utc>, now: DateTime<Utc>) -> Stats {
    Stats {
        days,
        since,
        until: now,
        most_asked: activity.answers_by_entry,
        answered: activity.answered,
        declined: activity.declined,
        helpful: activity.helpful,
        not_helpful: activity.not_helpful,
    }
}

fn register_font() -> Result<(), StatsError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(StatsError::Draw("the built-in font does not load".into()))
    }
}

/// Draws the most-asked entries as horizontal bars, with the decline rate and
/// helpful ratio beneath, and returns the PNG file's bytes.
pub fn render_png(stats: &Stats) -> Result<Vec<u8>, StatsError> {
    register_font()?;
    let rows = stats.most_asked.len().clamp(1, CHART_MAX_ENTRIES) as u32;
    let height = HEADER_HEIGHT + rows * ROW_HEIGHT + FOOTER_HEIGHT;
    let mut pixels = vec![0u8; (WIDTH * height * 3) as usize];
    draw(stats, &mut pixels, (WIDTH, height)).map_err(|e| StatsError::Draw(e.to_string()))?;

    let mut png_bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut png_bytes, WIDTH, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| StatsError::Encode(e.to_string()))?;
    writer.write_image_data(&pixels).map_err(|e| StatsError::Encode(e.to_string()))?;
    writer.finish().map_err(|e| StatsError::Encode(e.to_string()))?;
    Ok(png_bytes)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(stats: &Stats, pixels: &mut [u8], size: (u32, u32)) -> DrawResult {
    let root = BitMapBackend::with_buffer(pixels, size).into_drawing_area();
    root.fill(&BACKGROUND)?;
    let title = FontDesc::new(FontFamily::Name(FONT_FAMILY), 24.0, FontStyle::Normal).color(&INK);
    let label = FontDesc::new(FontFamily::Name(FONT_FAMILY), 16.0, FontStyle::Normal).color(&INK);
    root.draw(&Text::new(format!("most-asked entries, last {} days", stats.days), (MARGIN, MARGIN), title.clone()))?;

    let bar_left = MARGIN + LABEL_WIDTH;
    let bar_room = size.0 as i32 - bar_left - MARGIN - 60;
    let top = HEADER_HEIGHT as i32;
    if stats.most_asked.is_empty() {
        root.draw(&Text::new("no questions answered in this period", (MARGIN, top + 6), label.clone()))?;
    }
    let max = stats.most_asked.iter().map(|(_, count)| *count).max().unwrap_or(1).max(1);
    for (row, (entry, count)) in stats.most_asked.iter().take(CHART_MAX_ENTRIES).enumerate() {
        let y = top + row as i32 * ROW_HEIGHT as i32;
        let width = ((*count as f64 / max as f64) * bar_room as f64).round().max(1.0) as i32;
        root.draw(&Text::new(shorten(entry, 32), (MARGIN, y + 9), label.clone()))?;
        root.draw(&Rectangle::new([(bar_left, y + 4), (bar_left + width, y + ROW_HEIGHT as i32 - 4)], BAR.filled()))?;
        root.draw(&Text::new(count.to_string(), (bar_left + width + 8, y + 9), label.clone()))?;
    }

    let percent = |value: Option<f64>| value.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0));
    let footer_y = size.1 as i32 - FOOTER_HEIGHT as i32 + 18;
    root.draw(&Text::new(
        format!(
            "{} answered · {} declined · decline rate {} · helpful {}",
            stats.answered,
            stats.declined,
            percent(stats.decline_rate()),
            percent(stats.helpful_ratio())
        ),
        (MARGIN, footer_y),
        label,
    ))?;
    root.present()?;
    Ok(())
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max_chars - 1).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::usage::{Answered, DeclinedQuestion, Vote};
    use crate::store::SqliteStore;

    const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-15T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn sample() -> Stats {
        Stats {
            days: 30,
            since: now() - Duration::days(30),
            until: now(),
            most_asked: vec![
                ("opt-out-how".into(), 12),
                ("data-types".into(), 7),
                ("a-very-long-entry-id-that-goes-on-and-on".into(), 1),
            ],
            answered: 20,
            declined: 5,
            helpful: 3,
            not_helpful: 1,
        }
    }

    /// Decodes the PNG and returns (width, height, pixels that are not background).
    fn decode(bytes: &[u8]) -> (u32, u32, usize) {
        assert!(bytes.starts_with(&PNG_SIGNATURE), "starts with the PNG signature");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a valid PNG header");
        let mut buffer = vec![0; reader.output_buffer_size().expect("buffer size")];
        let info = reader.next_frame(&mut buffer).expect("a valid PNG frame");
        let ink = buffer[..info.buffer_size()].chunks(3).filter(|pixel| pixel != &[0xFF, 0xFF, 0xFF]).count();
        (info.width, info.height, ink)
    }

    #[test]
    fn renders_a_valid_png_with_bars_and_text() {
        let bytes = render_png(&sample()).expect("renders");
        let (width, height, ink) = decode(&bytes);
        assert_eq!(width, WIDTH);
        assert_eq!(height, HEADER_HEIGHT + 3 * ROW_HEIGHT + FOOTER_HEIGHT);
        assert!(ink > 5_000, "bars and text are drawn ({ink} non-background pixels)");
    }

    #[test]
    fn text_is_drawn_with_the_built_in_font() {
        // Same bars, different labels: if no font loaded, the images would be identical.
        let mut other = sample();
        other.most_asked[0].0 = "something-else-entirely".into();
        assert_ne!(render_png(&sample()).unwrap(), render_png(&other).unwrap(), "labels change the picture");
    }

    #[test]
    fn an_empty_period_still_renders() {
        let empty = Stats { most_asked: vec![], answered: 0, declined: 0, helpful: 0, not_helpful: 0, ..sample() };
        let (_, height, ink) = decode(&render_png(&empty).expect("renders"));
        assert_eq!(height, HEADER_HEIGHT + ROW_HEIGHT + FOOTER_HEIGHT);
        assert!(ink > 0, "says there is nothing to show");
        assert_eq!(empty.decline_rate(), None);
        assert_eq!(empty.helpful_ratio(), None);
        assert!(empty.summary().contains("decline rate: n/a"), "{}", empty.summary());
    }

    #[test]
    fn ratios_and_summary() {
        let stats = sample();
        assert_eq!(stats.decline_rate(), Some(0.2));
        assert_eq!(stats.helpful_ratio(), Some(0.75));
        let summary = stats.summary();
        for expected in
            ["last 30 days: 20 answered, 5 declined", "decline rate: 20%", "helpful votes: 75%", "- opt-out-how: 12"]
        {
            assert!(summary.contains(expected), "summary should contain {expected:?}:\n{summary}");
        }
    }

    #[test]
    fn collects_from_the_store_over_the_period() {
        let store = SqliteStore::open_in_memory().unwrap();
        for (entry, days_ago) in [("a", 1), ("a", 2), ("b", 3), ("b", 40)] {
            let at = now() - Duration::days(days_ago);
            store.record_answer(&Answered { guild_id: 1, entry_id: entry.into(), asked: None, at }).unwrap();
        }
        store.record_declined(&DeclinedQuestion { guild_id: 1, user_id: 2, question: "x".into(), at: now() }).unwrap();
        store
            .record_vote(&Vote {
                guild_id: 1,
                message_id: 3,
                user_id: 2,
                entry_id: "a".into(),
                helpful: true,
                question: None,
                at: now(),
            })
            .unwrap();
        let read = |days| {
            let (days, since) = period(days, now())?;
            Ok::<_, StatsError>(collect(store.activity(1, since).unwrap(), days, since, now()))
        };
        let stats = read(Some(7)).unwrap();
        assert_eq!(
            stats.most_asked,
            vec![("a".to_owned(), 2), ("b".to_owned(), 1)],
            "the 40-day-old answer is outside 7 days"
        );
        assert_eq!((stats.answered, stats.declined, stats.helpful, stats.not_helpful), (3, 1, 1, 0));
        assert_eq!(read(None).unwrap().days, DEFAULT_DAYS);
        assert!(matches!(read(Some(0)), Err(StatsError::DaysOutOfRange)));
        assert!(matches!(read(Some(MAX_DAYS + 1)), Err(StatsError::DaysOutOfRange)));
    }
}
