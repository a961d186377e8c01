//! Publication dates written the ways pages write them: ISO ("2023-06-19",
//! "2023-06-19T13:44:00Z"), "19 June 2023", "Monday, June 19, 2023",
//! "Jun. 19 2023".

use chrono::NaiveDate;

use crate::text::lexicon::{Words, words};

/// The first date found in `text`.
pub(crate) fn find_date(text: &str) -> Option<NaiveDate> {
    iso_date(text).or_else(|| written_date(text))
}

/// A `YYYY-MM-DD` date anywhere in the text.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = text.get(i..i + 10)?;
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_digit();
        let boundary_after = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        let shaped = candidate.as_bytes()[4] == b'-' && candidate.as_bytes()[7] == b'-';
        (boundary_before && boundary_after && shaped)
            .then(|| NaiveDate::parse_from_str(candidate, "%Y-%m-%d").ok())
            .flatten()
    })
}

/// "19 June 2023" or "June 19, 2023" (month names, full or abbreviated).
fn written_date(text: &str) -> Option<NaiveDate> {
    let tokens: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    tokens.iter().enumerate().find_map(|(i, token)| {
        let month = month_number(token)?;
        let day_year = |d: Option<&&str>, y: Option<&&str>| {
            let day: u32 = d?.parse().ok()?;
            let year: i32 = y?.parse().ok().filter(|y| (1900..=2100).contains(y))?;
            NaiveDate::from_ymd_opt(year, month, day)
        };
        day_year(tokens.get(i + 1), tokens.get(i + 2)).or_else(|| {
            day_year(
                i.checked_sub(1).and_then(|j| tokens.get(j)),
                tokens.get(i + 1),
            )
        })
    })
}

fn month_number(token: &str) -> Option<u32> {
    let lower = token.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    words(Words::Months)
        .iter()
        .position(|m| *m == lower || (lower.len() <= 4 && m.starts_with(lower.as_str())))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::find_date;

    #[test]
    fn date_formats() {
        let d = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let cases = [
            ("Monday 19 June 2023 13:44, UK", d("2023-06-19")),
            ("- International - June 20, 2023", d("2023-06-20")),
            ("Published Jun. 5, 2021", d("2021-06-05")),
            ("2023-06-19T13:44:00Z", d("2023-06-19")),
            ("Sept 3 1999", d("1999-09-03")),
            ("Mar 3, 2020", d("2020-03-03")),
            ("in May we met", None),
            ("3 HOURS AGO", None),
            ("12345-06-190", None),
        ];
        for (text, want) in cases {
            assert_eq!(find_date(text), want, "{text}");
        }
    }
}
