//! Compares matcher settings on labelled question sets: the tool behind the
//! choices in `MatcherConfig::default()` (see the README's accuracy section).
//!
//! ```text
//! cargo run --release --example sweep -- FAQ_DIR CALIBRATE.jsonl REPORT.jsonl 'linear_weight=0.7' 'training_epochs=0,char_weight=0.5'
//! ```
//! Each further argument is one setting to try (comma-separated `key=value`
//! changes to the defaults); none tries the defaults. For every setting it prints
//! the raw top-1 on REPORT (everything answered), then top-1 / rejection on
//! REPORT with the threshold calibrated on CALIBRATE, and questions per second.

use std::path::Path;

use optout_bot::eval::{calibrate, evaluate, load_questions};
use optout_bot::faq::Faq;
use optout_bot::matcher::{Matcher, MatcherConfig};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    anyhow::ensure!(args.len() >= 3, "usage: sweep FAQ_DIR CALIBRATE.jsonl REPORT.jsonl [SETTING...]");
    let faq = if args[0] == "-" { Faq::embedded() } else { Faq::load_dir(Path::new(&args[0]))? };
    let calibration_set = load_questions(Path::new(&args[1]))?;
    let report_set = load_questions(Path::new(&args[2]))?;
    let settings: Vec<String> = if args.len() > 3 { args[3..].to_vec() } else { vec![String::new()] };
    for setting in settings {
        let mut config = MatcherConfig::for_settings(faq.settings());
        for change in setting.split(',').filter(|c| !c.is_empty()) {
            let (key, value) = change.split_once('=').ok_or_else(|| anyhow::anyhow!("bad setting {change}"))?;
            let mut json = serde_json::to_value(&config)?;
            json[key] = serde_json::from_str(value)?;
            config = serde_json::from_value(json)?;
        }
        let started = std::time::Instant::now();
        let mut open = config.clone();
        open.answer_threshold = 0.0;
        open.suggest_threshold = 0.0;
        let raw = evaluate(&Matcher::new(&faq, open), &report_set);
        let build = started.elapsed();
        let weights: Vec<f64> = std::env::var("WEIGHTS")
            .map(|w| w.split(',').map(|x| x.parse().unwrap()).collect())
            .unwrap_or(vec![optout_bot::eval::DEFAULT_REJECTION_WEIGHT]);
        for weight in weights {
            let mut config = config.clone();
            let chosen = calibrate(&faq, &config, &calibration_set, weight);
            config.answer_threshold = chosen.answer_threshold;
            config.suggest_threshold = chosen.suggest_threshold;
            let report = evaluate(&Matcher::new(&faq, config), &report_set);
            print!("w{weight} ");
            println!(
            "{:<50} raw {:.3} top3 {:.3} | calibrated th {:.3}: top1 {:.3} rej {:.3} | {:>6.0} q/s p99 {:>5.0}µs | {:.2}s",
            if setting.is_empty() { "defaults" } else { &setting },
            raw.in_scope.top1_accuracy,
            raw.in_scope.top3_accuracy,
            chosen.answer_threshold,
            report.in_scope.top1_accuracy,
            report.out_of_scope.rejection_rate,
            report.queries_per_second,
            report.latency_us.p99,
            build.as_secs_f64(),
        );
        }
    }
    Ok(())
}
