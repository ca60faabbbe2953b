//! Diagnostics drawn for people: a policy finding or a case-file error with
//! the offending line and a caret under the mistake, then the fix in Chinese
//! and English. Drawn here, once, by `annotate-snippets`, which measures
//! Chinese characters as two columns.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::ops::Range;

use crate::case::CaseError;
use crate::policy::{Diagnostic, PolicyError, Severity};

/// Every finding of a refused policy, drawn, then the closing count.
pub fn policy_error(e: &PolicyError) -> String {
    match e {
        PolicyError::Invalid {
            file,
            text,
            diagnostics,
        } => {
            let mut out: String = diagnostics
                .iter()
                .map(|d| format!("{}\n", diagnostic(d, text)))
                .collect();
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            out.push_str(&format!(
                "策略 `{file}` 没有载入：{errors} 处错误 / policy `{file}` was not loaded: {errors} error(s)"
            ));
            out
        }
        other => format!("error: {other}"),
    }
}

/// One finding, with the line it points at in `text` (the policy file's text).
pub fn diagnostic(d: &Diagnostic, text: &str) -> String {
    let (zh, en, fix_zh, fix_en) = d.kind.text();
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = format!("{zh} / {en}");
    let mut group = Group::with_title(level.primary_title(&title));
    let span = d.pos.as_ref().and_then(|p| {
        let range = match p.bytes {
            Some((offset, len)) if offset <= text.len() => widen(text, offset, len),
            _ => at_column(text, p.line, p.column)?,
        };
        Some((p, range))
    });
    if let Some((pos, range)) = span {
        group = group.element(
            Snippet::source(text)
                .path(pos.file.as_str())
                .fold(true)
                .annotation(AnnotationKind::Primary.span(range)),
        );
    } else if let Some(pos) = &d.pos {
        group = group.element(Level::NOTE.message(format!("{pos}")));
    }
    group = group
        .element(Level::HELP.with_name("修改").message(&fix_zh))
        .element(Level::HELP.message(&fix_en));
    Renderer::plain().render(&[group])
}

/// A case file that could not be read, with its line.
pub fn case_error(e: &CaseError) -> String {
    match e {
        CaseError::Syntax {
            file,
            line,
            column,
            message,
            source_line,
        } if *line > 0 => {
            let range = at_column(source_line, 1, *column).unwrap_or(0..0);
            let group = Group::with_title(Level::ERROR.primary_title(message)).element(
                Snippet::source(source_line.as_str())
                    .line_start(*line as usize)
                    .path(file.as_str())
                    .annotation(AnnotationKind::Primary.span(range)),
            );
            Renderer::plain().render(&[group])
        }
        other => format!("error: {other}"),
    }
}

/// The value's bytes, at least one character wide so the caret shows.
fn widen(text: &str, offset: usize, len: usize) -> Range<usize> {
    let offset = floor_char(text, offset);
    let end = if len == 0 {
        text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8())
    } else {
        floor_char(text, (offset + len).min(text.len()))
    };
    offset..end.max(offset)
}

/// The byte range of the character at 1-based `line` and `column`.
fn at_column(text: &str, line: u32, column: u32) -> Option<Range<usize>> {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let col = column.saturating_sub(1) as usize;
            let (offset, c) = l
                .char_indices()
                .nth(col)
                .unwrap_or((l.trim_end().len(), ' '));
            let end = if c == '\n' || c == ' ' && offset >= l.trim_end().len() {
                offset
            } else {
                offset + c.len_utf8()
            };
            return Some(start + offset..start + end);
        }
        start += l.len();
    }
    None
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
