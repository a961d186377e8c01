//! The reader's state and its pure update function: no terminal here, so
//! every behaviour is unit-tested by feeding [`Action`]s.

use ratatui::layout::Rect;

use super::action::{Action, Command};
use super::config::Config;
use super::index::Index;
use super::keymap::Keymap;
use super::theme::Theme;
use super::wrap::{PaneText, Row};
use crate::model::{DiscrepancyKind, Report, Span};

/// Narrowest pane worth reading; more panes are shown only if each gets this.
pub const MIN_PANE_WIDTH: u16 = 40;
/// Narrowest pane when a finding has more sources than fit at
/// [`MIN_PANE_WIDTH`]: every source of the current finding is shown, down
/// to this width.
pub const MIN_FINDING_PANE_WIDTH: u16 = 24;
/// Below this the reader shows a one-line message instead of panes.
pub const MIN_WIDTH: u16 = 40;
/// Below this the reader shows a one-line message instead of panes.
pub const MIN_HEIGHT: u16 = 8;
/// Gutter columns inside a pane (group tag or "only here" mark).
pub const GUTTER: u16 = 4;
/// Lines the mouse wheel scrolls.
const WHEEL_LINES: isize = 3;
/// Paragraphs around the top one considered when leveling other panes.
const SYNC_REACH: usize = 12;

/// Which discrepancies `n`/`N` visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Kind(DiscrepancyKind),
}

impl Filter {
    /// all → numbers → quotes → framing → omissions → all.
    pub fn next(self) -> Filter {
        use DiscrepancyKind as K;
        match self {
            Filter::All => Filter::Kind(K::Number),
            Filter::Kind(K::Number) => Filter::Kind(K::Quote),
            Filter::Kind(K::Quote) => Filter::Kind(K::Framing),
            Filter::Kind(K::Framing) => Filter::Kind(K::Omission),
            Filter::Kind(K::Omission) => Filter::All,
        }
    }

    pub fn label(self) -> &'static str {
        use DiscrepancyKind as K;
        match self {
            Filter::All => "all",
            Filter::Kind(K::Number) => "numbers",
            Filter::Kind(K::Quote) => "quotes",
            Filter::Kind(K::Framing) => "framing",
            Filter::Kind(K::Omission) => "omissions",
        }
    }

    fn admits(self, kind: DiscrepancyKind) -> bool {
        self == Filter::All || self == Filter::Kind(kind)
    }
}

/// What covers part of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    Navigator,
    Detail,
    /// The sources' relations (see [`super::relations`]).
    Relations,
}

/// The search prompt and its matches.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    pub query: String,
    /// The prompt is open and takes typed characters.
    pub editing: bool,
    /// Matches `[source][paragraph]`, sorted.
    pub matches: Vec<Vec<Vec<Span>>>,
    /// The match last visited: (source, paragraph, start).
    cursor: Option<(usize, usize, usize)>,
}

impl Search {
    /// Number of matches over all sources.
    pub fn count(&self) -> usize {
        self.matches.iter().flatten().map(Vec::len).sum()
    }
}

/// Where everything goes on screen for the current size.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub too_small: bool,
    pub notice: Option<Rect>,
    /// (source, outer rect) for every pane on screen, left to right.
    pub panes: Vec<(usize, Rect)>,
    /// Navigator or detail panel.
    pub panel: Option<Rect>,
    pub message: Rect,
    pub status: Rect,
}

impl Geometry {
    /// Rows of text a pane shows.
    pub fn pane_height(&self) -> usize {
        self.panes
            .first()
            .map_or(1, |(_, r)| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// The navigator's list area (left half of the panel, inside its border).
    pub fn list_area(&self) -> Option<Rect> {
        let panel = self.panel?;
        let width = (panel.width / 2).max(20).min(panel.width);
        Some(inner(Rect { width, ..panel }))
    }
}

/// A rect less a one-cell border.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        y: r.y + 1,
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

/// The reader's whole state.
#[derive(Debug, Clone)]
pub struct State {
    pub report: Report,
    pub index: Index,
    pub keymap: Keymap,
    pub theme: Theme,
    pub width: u16,
    pub height: u16,
    /// Each source laid out at the current text width.
    pub layouts: Vec<PaneText>,
    text_width: usize,
    /// Top row of each pane.
    pub scroll: Vec<usize>,
    pub focus: usize,
    /// First source shown in the pane strip.
    pub strip: usize,
    /// Sources shown instead of the strip, in source order, when the
    /// current finding's sources do not fit in one run of the strip (empty:
    /// the strip). Cleared when the focus leaves them.
    pub pinned: Vec<usize>,
    pub filter: Filter,
    /// Discrepancy indices admitted by the filter, in rank order.
    pub filtered: Vec<usize>,
    /// Position in `filtered` of the discrepancy being visited.
    pub current: Option<usize>,
    /// Position in `filtered` selected in the navigator.
    pub selected: usize,
    pub overlay: Overlay,
    pub help_scroll: usize,
    pub word_diff: bool,
    pub furniture: bool,
    pub search: Search,
    /// A one-line message for the user, cleared by the next action.
    pub message: Option<String>,
    pub quit: bool,
    /// The user quit with Ctrl-C (exit status 130).
    pub interrupted: bool,
    /// Mouse events are captured (off: the terminal selects text).
    pub mouse: bool,
    /// `y` may copy through OSC 52 (the config's `[clipboard] osc52`).
    pub osc52: bool,
    /// An OSC 52 sequence for the event loop to write, then clear.
    pub clipboard: Option<String>,
    /// Analysis is still running in the background: the panes show the
    /// text, highlights arrive with [`State::set_report`].
    pub analysing: bool,
    /// Seconds the analysis has run, for the status line (set by the loop).
    pub analysis_secs: u64,
}

impl State {
    /// A reader over `report`; call [`State::update`] with
    /// [`Action::Resize`] before drawing.
    pub fn new(report: Report, config: Config) -> State {
        let index = Index::new(&report);
        let n = report.sources.len();
        let filtered = (0..report.discrepancies.len()).collect();
        State {
            index,
            keymap: config.keymap,
            theme: config.theme,
            width: 0,
            height: 0,
            layouts: vec![PaneText::default(); n],
            text_width: 0,
            scroll: vec![0; n],
            focus: 0,
            strip: 0,
            pinned: Vec::new(),
            filter: Filter::All,
            filtered,
            current: None,
            selected: 0,
            overlay: Overlay::None,
            help_scroll: 0,
            word_diff: false,
            furniture: false,
            search: Search::default(),
            message: None,
            quit: false,
            interrupted: false,
            mouse: true,
            osc52: config.osc52,
            clipboard: None,
            analysing: false,
            analysis_secs: 0,
            report,
        }
    }

    /// Replaces the report (same sources, now analysed), keeping every
    /// pane's top line and levelling the others to the focused one.
    pub fn set_report(&mut self, report: Report) {
        self.index = Index::new(&report);
        self.report = report;
        self.analysing = false;
        let filter = self.filter;
        self.set_filter(filter);
        self.relayout();
        self.sync_others();
        self.message = Some(format!(
            "{} discrepancies · {} jumps to the top-ranked one",
            self.report.discrepancies.len(),
            self.keymap.hint(Command::NextDiscrepancy)
        ));
    }

    /// Number of panes on screen side by side.
    pub fn visible_panes(&self) -> usize {
        if self.pinned.is_empty() {
            self.capacity()
        } else {
            self.pinned.len()
        }
    }

    /// Number of panes that fit side by side at [`MIN_PANE_WIDTH`].
    fn capacity(&self) -> usize {
        let n = self.report.sources.len().max(1);
        usize::from(self.width / MIN_PANE_WIDTH).clamp(1, n)
    }

    /// The sources on screen, left to right.
    pub fn pane_sources(&self) -> Vec<usize> {
        if !self.pinned.is_empty() {
            return self.pinned.clone();
        }
        let n = self.report.sources.len();
        (self.strip..(self.strip + self.capacity()).min(n)).collect()
    }

    /// Screen areas for the current size and overlays.
    pub fn geometry(&self) -> Geometry {
        let (w, h) = (self.width, self.height);
        let mut g = Geometry {
            too_small: w < MIN_WIDTH || h < MIN_HEIGHT,
            notice: None,
            panes: Vec::new(),
            panel: None,
            message: Rect::new(0, h.saturating_sub(2), w, 1),
            status: Rect::new(0, h.saturating_sub(1), w, 1),
        };
        if g.too_small {
            return g;
        }
        let mut top = 0;
        if !self.index.notices.is_empty() {
            g.notice = Some(Rect::new(0, 0, w, 1));
            top = 1;
        }
        let middle = h - 2 - top;
        let mut panes_height = middle;
        if matches!(self.overlay, Overlay::Navigator | Overlay::Detail) {
            let panel_height = (middle * 2 / 5).max(6).min(middle.saturating_sub(5));
            panes_height = middle - panel_height;
            g.panel = Some(Rect::new(0, top + panes_height, w, panel_height));
        }
        let count = self.visible_panes();
        let each = w / count as u16;
        for (i, source) in self.pane_sources().into_iter().enumerate() {
            let x = each * i as u16;
            let width = if i + 1 == count { w - x } else { each };
            g.panes
                .push((source, Rect::new(x, top, width, panes_height)));
        }
        g
    }

    fn view_height(&self) -> usize {
        self.geometry().pane_height()
    }

    fn max_scroll(&self, source: usize) -> usize {
        // Up to the last row at the top, so that any paragraph can be
        // brought level with its counterpart in another pane.
        self.layouts[source].rows.len().saturating_sub(1)
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        match action {
            Action::ForceQuit => {
                self.quit = true;
                self.interrupted = true;
            }
            // The event loop suspends; nothing changes here.
            Action::Suspend => {}
            Action::Resize { width, height } => self.resize(width, height),
            Action::SearchInput(c) => {
                if self.search.editing && !c.is_control() {
                    self.search.query.push(c);
                    self.refresh_search();
                }
            }
            Action::SearchBackspace => {
                if self.search.editing {
                    self.search.query.pop();
                    self.refresh_search();
                }
            }
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::Click { column, row } => self.click(column, row),
            Action::Command(c) => self.command(c),
        }
    }

    fn command(&mut self, c: Command) {
        if self.search.editing {
            match c {
                Command::Confirm => {
                    self.search.editing = false;
                    self.search.cursor = None;
                    self.search_step(true);
                }
                Command::Back => {
                    self.search = Search::default();
                }
                _ => {}
            }
            return;
        }
        if self.overlay == Overlay::Help {
            match c {
                Command::ToggleHelp | Command::Back => self.overlay = Overlay::None,
                Command::Quit => self.quit = true,
                Command::LineDown => self.help_scroll += 1,
                Command::LineUp => self.help_scroll = self.help_scroll.saturating_sub(1),
                Command::PageDown | Command::HalfPageDown => self.help_scroll += 10,
                Command::PageUp | Command::HalfPageUp => {
                    self.help_scroll = self.help_scroll.saturating_sub(10);
                }
                Command::Top => self.help_scroll = 0,
                // The view clamps it to the last line.
                Command::Bottom => self.help_scroll = usize::MAX / 2,
                _ => {}
            }
            return;
        }
        if self.overlay == Overlay::Relations {
            match c {
                Command::ToggleRelations | Command::Back => self.overlay = Overlay::None,
                Command::Quit => self.quit = true,
                _ => {}
            }
            return;
        }
        if self.overlay == Overlay::Navigator && self.list_command(c) {
            return;
        }
        let page = self.view_height() as isize;
        match c {
            Command::LineDown => self.scroll_focused(1),
            Command::LineUp => self.scroll_focused(-1),
            Command::HalfPageDown => self.scroll_focused(page / 2),
            Command::HalfPageUp => self.scroll_focused(-page / 2),
            Command::PageDown => self.scroll_focused(page.saturating_sub(2).max(1)),
            Command::PageUp => self.scroll_focused(-page.saturating_sub(2).max(1)),
            Command::Top => self.scroll_focused(isize::MIN / 2),
            Command::Bottom => {
                let target = self.end_scroll(self.focus);
                self.scroll_focused(target as isize - self.scroll[self.focus] as isize);
            }
            Command::NextPane => self.set_focus((self.focus + 1) % self.sources()),
            Command::PrevPane => self.set_focus((self.focus + self.sources() - 1) % self.sources()),
            Command::PaneLeft => self.pane_step(false),
            Command::PaneRight => self.pane_step(true),
            Command::Focus(n) => {
                if usize::from(n) < self.sources() {
                    self.set_focus(usize::from(n));
                }
            }
            Command::NextDiscrepancy => self.step_discrepancy(true),
            Command::PrevDiscrepancy => self.step_discrepancy(false),
            Command::CycleFilter => self.set_filter(self.filter.next()),
            Command::Search => {
                self.search = Search {
                    editing: true,
                    ..Search::default()
                };
            }
            Command::SearchNext => self.search_step(true),
            Command::SearchPrev => self.search_step(false),
            Command::ToggleNavigator => self.toggle_overlay(Overlay::Navigator),
            Command::ToggleDetail => self.toggle_overlay(Overlay::Detail),
            Command::ToggleHelp => {
                self.overlay = Overlay::Help;
                self.help_scroll = 0;
            }
            Command::ToggleRelations => self.overlay = Overlay::Relations,
            Command::ToggleWordDiff => {
                self.word_diff = !self.word_diff;
                let name = self
                    .report
                    .sources
                    .get(self.focus)
                    .map_or("", |s| s.name.as_str());
                self.message = Some(if self.word_diff {
                    format!(
                        "word diff on: words that differ between {name} (the focused source) and the \
                         paragraphs aligned with it · focus another pane to diff against it"
                    )
                } else {
                    "word diff off".to_string()
                });
            }
            Command::ToggleFurniture => {
                self.furniture = !self.furniture;
                self.relayout();
                self.message = Some(format!(
                    "headlines, bylines, captions {}",
                    if self.furniture { "shown" } else { "hidden" }
                ));
            }
            Command::Confirm => {
                if let Some(d) = self.current_discrepancy() {
                    self.toggle_overlay(Overlay::Detail);
                    // The panel takes rows: bring every source back in view.
                    self.jump_to(d);
                }
            }
            Command::ToggleMouse => {
                self.mouse = !self.mouse;
                self.message = Some(if self.mouse {
                    "mouse captured: the wheel scrolls, a click focuses".to_string()
                } else {
                    format!(
                        "mouse released: select text to copy it · {} captures it again",
                        self.keymap.hint(Command::ToggleMouse)
                    )
                });
            }
            Command::CopyFinding => self.copy_finding(),
            Command::Back => self.back(),
            Command::Quit => self.quit = true,
        }
    }

    /// Queues the current discrepancy (summary, then each source's words)
    /// for the clipboard, when OSC 52 is enabled.
    fn copy_finding(&mut self) {
        let Some(d) = self.current_discrepancy() else {
            self.message = Some(format!(
                "no current discrepancy to copy: {} visits one",
                self.keymap.hint(Command::NextDiscrepancy)
            ));
            return;
        };
        if !self.osc52 {
            self.message = Some(
                "copying is off: set osc52 = true under [clipboard] in the config file".into(),
            );
            return;
        }
        let text = finding_text(&self.report, d);
        self.clipboard = Some(osc52(&text));
        self.message = Some(format!(
            "copied discrepancy {} to the clipboard (OSC 52)",
            self.current.map_or(0, |i| i + 1)
        ));
    }

    /// Keys that act on the navigator list while it is open.
    fn list_command(&mut self, c: Command) -> bool {
        let len = self.filtered.len();
        let page = self
            .geometry()
            .list_area()
            .map_or(1, |r| usize::from(r.height).max(1));
        let target = match c {
            Command::LineDown => self.selected + 1,
            Command::LineUp => self.selected.saturating_sub(1),
            Command::PageDown | Command::HalfPageDown => self.selected + page,
            Command::PageUp | Command::HalfPageUp => self.selected.saturating_sub(page),
            Command::Top => 0,
            Command::Bottom => len.saturating_sub(1),
            Command::Confirm => {
                if len > 0 {
                    self.visit(self.selected);
                }
                self.overlay = Overlay::None;
                return true;
            }
            _ => return false,
        };
        if len > 0 {
            self.visit(target.min(len - 1));
        }
        true
    }

    fn sources(&self) -> usize {
        self.report.sources.len().max(1)
    }

    fn toggle_overlay(&mut self, overlay: Overlay) {
        if self.overlay == overlay {
            self.overlay = Overlay::None;
            return;
        }
        self.overlay = overlay;
        if overlay == Overlay::Navigator {
            self.selected = self.current.unwrap_or(0);
        }
        // The panel takes rows from the panes: keep the focus visible.
        self.clamp_scrolls();
    }

    fn back(&mut self) {
        if self.overlay != Overlay::None {
            self.overlay = Overlay::None;
        } else if !self.search.query.is_empty() {
            self.search = Search::default();
        } else {
            self.current = None;
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        if !self.pinned.is_empty() {
            let wanted = self.pinned_wanted();
            self.pinned = self.pinned_for(&wanted);
        }
        self.relayout();
        self.ensure_focus_visible();
    }

    /// The sources the pinned panes are for: the current finding's, else
    /// the pinned ones.
    fn pinned_wanted(&self) -> Vec<usize> {
        match self.current_discrepancy() {
            Some(d) => self.mentioned_sources(d),
            None => self.pinned.clone(),
        }
    }

    /// Sources with a mention of discrepancy `d`, focus-worthy first
    /// (mention order), each once.
    fn mentioned_sources(&self, d: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for m in self
            .report
            .discrepancies
            .get(d)
            .into_iter()
            .flat_map(|d| &d.mentions)
        {
            if m.source.0 < self.layouts.len() && !out.contains(&m.source.0) {
                out.push(m.source.0);
            }
        }
        out
    }

    /// Text columns in a pane at the current size.
    fn pane_text_width(&self) -> usize {
        let count = self.visible_panes() as u16;
        let each = self.width / count.max(1);
        usize::from(each.saturating_sub(2 + GUTTER)).max(1)
    }

    /// Re-wraps every source, keeping each pane's top line where it was.
    /// Not while the terminal is too small to show panes (a long text
    /// wrapped at one column would be a row per character).
    fn relayout(&mut self) {
        if self.geometry().too_small {
            return;
        }
        let width = self.pane_text_width();
        let anchors: Vec<Option<(usize, usize)>> = (0..self.layouts.len())
            .map(|s| self.top_anchor(s))
            .collect();
        self.text_width = width;
        self.layouts = self
            .report
            .sources
            .iter()
            .map(|s| PaneText::new(s, width, self.furniture))
            .collect();
        for (s, anchor) in anchors.into_iter().enumerate() {
            if let Some((para, offset)) = anchor {
                // A hidden paragraph falls back to the next one shown.
                let row = self.layouts[s].row_of(para, offset).or_else(|| {
                    let next = self.layouts[s].shown.iter().find(|&&p| p > para)?;
                    self.layouts[s].para_row[*next]
                });
                self.scroll[s] = row.unwrap_or(0);
            }
        }
        self.clamp_scrolls();
    }

    /// (paragraph, byte offset) at the top of pane `source`.
    fn top_anchor(&self, source: usize) -> Option<(usize, usize)> {
        let layout = &self.layouts[source];
        match layout.rows.get(self.scroll[source])? {
            Row::Text { para, start, .. } => Some((*para, *start)),
            Row::Gap => layout.para_at(self.scroll[source]).map(|p| (p, 0)),
        }
    }

    fn clamp_scrolls(&mut self) {
        for s in 0..self.scroll.len() {
            self.scroll[s] = self.scroll[s].min(self.max_scroll(s));
        }
    }

    /// Focuses the pane to the left or right on screen; from the edge, the
    /// neighbouring source (the strip follows).
    fn pane_step(&mut self, right: bool) {
        let shown = self.pane_sources();
        let at = shown.iter().position(|&s| s == self.focus);
        let next = match (at, right) {
            (Some(i), false) if i > 0 => shown[i - 1],
            (Some(i), true) if i + 1 < shown.len() => shown[i + 1],
            (_, false) => self.focus.saturating_sub(1),
            (_, true) => (self.focus + 1).min(self.sources() - 1),
        };
        self.set_focus(next);
    }

    fn set_focus(&mut self, source: usize) {
        self.focus = source;
        self.ensure_focus_visible();
    }

    fn ensure_focus_visible(&mut self) {
        if !self.pinned.is_empty() {
            if self.pinned.contains(&self.focus) {
                return;
            }
            // The focus left the finding's panes: back to the strip.
            self.pinned.clear();
            if self.pane_text_width() != self.text_width {
                self.relayout();
            }
        }
        let count = self.visible_panes();
        let n = self.report.sources.len();
        if self.focus < self.strip {
            self.strip = self.focus;
        } else if self.focus >= self.strip + count {
            self.strip = self.focus + 1 - count;
        }
        self.strip = self.strip.min(n.saturating_sub(count));
    }

    /// Scrolls the focused pane by `delta` rows and levels the others.
    /// Scrolling down stops when the last row is at the bottom (a pane
    /// levelled further than that stays where it is).
    fn scroll_focused(&mut self, delta: isize) {
        let f = self.focus;
        let now = self.scroll[f];
        let target = (now as isize).saturating_add(delta).max(0) as usize;
        let end = self.end_scroll(f).max(now).min(self.max_scroll(f));
        self.scroll[f] = if delta > 0 {
            target.min(end)
        } else {
            target.min(self.max_scroll(f))
        };
        if delta > 0 && self.scroll[f] == now {
            let name = self.report.sources.get(f).map_or("", |s| s.name.as_str());
            self.message = Some(format!("end of {name}"));
        }
        self.sync_others();
    }

    /// The top row that puts the last row of pane `source` at the bottom.
    fn end_scroll(&self, source: usize) -> usize {
        self.layouts[source]
            .rows
            .len()
            .saturating_sub(self.view_height())
    }

    /// Brings, in every other pane, the paragraph of the same group level
    /// with the focused pane's top paragraph (by content, not position).
    pub fn sync_others(&mut self) {
        let f = self.focus;
        let layout = &self.layouts[f];
        let top = self.scroll[f];
        let Some(top_para) = layout.para_at(top) else {
            return;
        };
        let pos = layout
            .shown
            .iter()
            .position(|&p| p == top_para)
            .unwrap_or(0);
        let forward = layout.shown[pos..].iter().take(SYNC_REACH);
        let backward = layout.shown[..pos].iter().rev().take(SYNC_REACH);
        let candidates: Vec<usize> = forward.chain(backward).copied().collect();
        for s in 0..self.layouts.len() {
            if s == f {
                continue;
            }
            if let Some(row) = self.level_row(s, &candidates, top) {
                self.scroll[s] = row.min(self.max_scroll(s));
            }
        }
    }

    /// The top row for pane `s` that levels its counterpart of the first
    /// candidate paragraph (of the focused pane) that has one: a paragraph
    /// of a claim group it shares, else the first paragraph of a sub-event
    /// it shares (the same happening, told in other words).
    fn level_row(&self, s: usize, candidates: &[usize], top: usize) -> Option<usize> {
        let f = self.focus;
        for &p in candidates {
            let p_row = self.layouts[f].para_row[p]?;
            let by_group = self.index.groups[f][p].iter().find_map(|&g| {
                let members = &self.report.groups[g].members;
                self.first_row_in(s, members.iter().map(|m| (m.source.0, m.paragraph)))
            });
            let counterpart = by_group.or_else(|| {
                self.index.sub_events[f][p].iter().find_map(|&e| {
                    let members = &self.report.sub_events[e].members;
                    self.first_row_in(s, members.iter().map(|m| (m.source.0, m.paragraph)))
                })
            });
            if let Some(q_row) = counterpart {
                let on_screen = p_row as isize - top as isize;
                return Some((q_row as isize - on_screen).max(0) as usize);
            }
        }
        None
    }

    /// The row in pane `s` of the first of `members` (source, paragraph)
    /// that the pane shows.
    fn first_row_in(
        &self,
        s: usize,
        members: impl Iterator<Item = (usize, usize)>,
    ) -> Option<usize> {
        members
            .filter(|&(source, _)| source == s)
            .find_map(|(_, p)| self.layouts[s].para_row.get(p).copied().flatten())
    }

    fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.filtered = self
            .report
            .discrepancies
            .iter()
            .enumerate()
            .filter(|(_, d)| filter.admits(d.kind))
            .map(|(i, _)| i)
            .collect();
        self.current = None;
        self.selected = 0;
        self.message = Some(format!(
            "filter: {} ({} discrepancies) — {} for the next",
            filter.label(),
            self.filtered.len(),
            self.keymap.hint(Command::NextDiscrepancy)
        ));
    }

    fn step_discrepancy(&mut self, forward: bool) {
        if self.analysing {
            self.message = Some("still analysing: discrepancies appear in a moment".into());
            return;
        }
        let len = self.filtered.len();
        if len == 0 {
            self.message = Some(format!(
                "no discrepancies (filter: {})",
                self.filter.label()
            ));
            return;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => len - 1,
            (Some(i), true) => (i + 1) % len,
            (Some(i), false) => (i + len - 1) % len,
        };
        let wrapped = matches!((self.current, forward), (Some(i), true) if next < i)
            || matches!((self.current, forward), (Some(i), false) if next > i);
        self.visit(next);
        if wrapped {
            self.message = Some(format!(
                "wrapped to the {}",
                if forward { "first" } else { "last" }
            ));
        }
    }

    /// Makes `filtered[pos]` the current discrepancy and jumps to it.
    fn visit(&mut self, pos: usize) {
        self.current = Some(pos);
        self.selected = pos;
        self.jump_to(self.filtered[pos]);
    }

    /// The discrepancy being visited, as an index into the report.
    pub fn current_discrepancy(&self) -> Option<usize> {
        self.current.and_then(|i| self.filtered.get(i).copied())
    }

    /// Brings every pane with a mention of discrepancy `d` to it, focusing
    /// one of them, and levels the others by content.
    pub fn jump_to(&mut self, d: usize) {
        let Some(disc) = self.report.discrepancies.get(d) else {
            return;
        };
        let mut places: Vec<(usize, usize, usize)> = Vec::new();
        for m in &disc.mentions {
            if m.source.0 < self.layouts.len() && !places.iter().any(|p| p.0 == m.source.0) {
                places.push((m.source.0, m.paragraph, m.start));
            }
        }
        if places.is_empty() {
            return;
        }
        let hidden = places
            .iter()
            .any(|&(s, p, _)| self.layouts[s].para_row.get(p).copied().flatten().is_none());
        if hidden && !self.furniture {
            self.furniture = true;
            self.relayout();
        }
        if !places.iter().any(|p| p.0 == self.focus) {
            self.focus = places[0].0;
        }
        let mentioned: Vec<usize> = places.iter().map(|p| p.0).collect();
        self.show_sources(&mentioned);
        let third = self.view_height() / 3;
        let row_in = |state: &State, s: usize, p: usize, at: usize| {
            state.layouts[s]
                .row_of(p, at)
                .map(|r| r.saturating_sub(third))
        };
        if let Some(&(s, p, at)) = places.iter().find(|p| p.0 == self.focus)
            && let Some(row) = row_in(self, s, p, at)
        {
            self.scroll[s] = row.min(self.max_scroll(s));
        }
        self.sync_others();
        for &(s, p, at) in &places {
            if let Some(row) = row_in(self, s, p, at) {
                self.scroll[s] = row.min(self.max_scroll(s));
            }
        }
    }

    /// Puts every source of `wanted` (which holds the focus) on screen: the
    /// strip when one run of it shows them all, else pinned panes for them
    /// (narrower ones when they do not fit at [`MIN_PANE_WIDTH`]). Re-wraps
    /// the text when the pane width changes.
    fn show_sources(&mut self, wanted: &[usize]) {
        self.pinned.clear();
        if self.choose_strip(wanted) < wanted.len() {
            self.pinned = self.pinned_for(wanted);
        }
        if self.pane_text_width() != self.text_width {
            self.relayout();
        }
    }

    /// Pinned panes for `wanted`: all of them when they fit at
    /// [`MIN_FINDING_PANE_WIDTH`] (the focus and the first ones otherwise),
    /// the rest of the strip's capacity filled with the other sources in
    /// order; sorted by source.
    fn pinned_for(&self, wanted: &[usize]) -> Vec<usize> {
        let n = self.report.sources.len();
        let most = usize::from(self.width / MIN_FINDING_PANE_WIDTH).max(1);
        let count = wanted.len().max(self.capacity()).min(most).min(n);
        let mut out: Vec<usize> = Vec::with_capacity(count);
        if wanted.contains(&self.focus) {
            out.push(self.focus);
        }
        let others = (0..n).filter(|s| !wanted.contains(s));
        for s in wanted.iter().copied().chain(others) {
            if out.len() == count {
                break;
            }
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out.sort_unstable();
        out
    }

    /// Picks the pane-strip start that shows the focus and as many of
    /// `wanted` as possible, moving as little as possible; returns how many
    /// of `wanted` it shows.
    fn choose_strip(&mut self, wanted: &[usize]) -> usize {
        let count = self.visible_panes();
        let n = self.report.sources.len();
        let last_start = n.saturating_sub(count);
        let lo = self.focus.saturating_sub(count - 1);
        let hi = self.focus.min(last_start);
        let score = |start: usize| {
            wanted
                .iter()
                .filter(|&&s| s >= start && s < start + count)
                .count()
        };
        let current = self.strip;
        if let Some(best) = (lo..=hi)
            .max_by_key(|&start| (score(start), std::cmp::Reverse(start.abs_diff(current))))
        {
            self.strip = best;
        }
        score(self.strip)
    }

    fn refresh_search(&mut self) {
        let needle = self.search.query.to_lowercase();
        self.search.matches = self
            .report
            .sources
            .iter()
            .map(|s| {
                s.paragraphs
                    .iter()
                    .map(|p| find_all(&p.text, &needle))
                    .collect()
            })
            .collect();
    }

    /// Moves the focused pane to the next (or previous) match; switches to
    /// another source when the focused one has none.
    fn search_step(&mut self, forward: bool) {
        if self.search.query.is_empty() {
            self.message = Some(format!(
                "no search: press {} to search",
                self.keymap.hint(Command::Search)
            ));
            return;
        }
        if self.search.count() == 0 {
            self.message = Some(format!("not found: {}", self.search.query));
            return;
        }
        // Every match shown, in (source, paragraph, offset) order.
        let hits: Vec<(usize, usize, usize, usize)> = (0..self.layouts.len())
            .flat_map(|s| {
                self.visible_matches(s)
                    .into_iter()
                    .map(move |(row, p, at)| (s, row, p, at))
            })
            .collect();
        let key = |h: &&(usize, usize, usize, usize)| (h.0, h.2, h.3);
        let (f, top) = (self.focus, self.scroll[self.focus]);
        let pick = match (self.search.cursor, forward) {
            (Some(c), true) => hits.iter().find(|h| key(h) > c).or(hits.first()),
            (Some(c), false) => hits.iter().rev().find(|h| key(h) < c).or(hits.last()),
            (None, true) => hits
                .iter()
                .find(|h| h.0 == f && h.1 >= top)
                .or_else(|| hits.iter().find(|h| h.0 > f))
                .or(hits.first()),
            (None, false) => hits
                .iter()
                .rev()
                .find(|h| h.0 == f && h.1 < top)
                .or_else(|| hits.iter().rev().find(|h| h.0 < f))
                .or(hits.last()),
        };
        let Some(&(s, row, p, at)) = pick else {
            self.message = Some(format!("not found in shown text: {}", self.search.query));
            return;
        };
        self.focus = s;
        self.search.cursor = Some((s, p, at));
        let third = self.view_height() / 3;
        self.scroll[s] = row.saturating_sub(third).min(self.max_scroll(s));
        self.sync_others();
        self.ensure_focus_visible();
        let n = hits
            .iter()
            .position(|h| (h.0, h.2, h.3) == (s, p, at))
            .unwrap_or(0)
            + 1;
        self.message = Some(format!(
            "/{}: match {n}/{} ({})",
            self.search.query,
            hits.len(),
            self.report.sources[s].name
        ));
    }

    /// Matches in the text shown (hidden furniture does not count): what
    /// the status line and `]`/`[` count.
    pub fn shown_match_count(&self) -> usize {
        (0..self.layouts.len())
            .map(|s| self.visible_matches(s).len())
            .sum()
    }

    /// (row, paragraph, start) of every match shown in pane `s`.
    fn visible_matches(&self, s: usize) -> Vec<(usize, usize, usize)> {
        let layout = &self.layouts[s];
        let mut out = Vec::new();
        for &p in &layout.shown {
            for span in self
                .search
                .matches
                .get(s)
                .and_then(|m| m.get(p))
                .into_iter()
                .flatten()
            {
                if let Some(row) = layout.row_of(p, span.start) {
                    out.push((row, p, span.start));
                }
            }
        }
        out
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let g = self.geometry();
        let delta = if down { WHEEL_LINES } else { -WHEEL_LINES };
        if let Some(&(s, _)) = g.panes.iter().find(|(_, r)| contains(*r, column, row)) {
            self.focus = s;
            self.scroll_focused(delta);
        } else if self.overlay == Overlay::Navigator
            && g.list_area().is_some_and(|r| contains(r, column, row))
        {
            self.list_command(if down {
                Command::LineDown
            } else {
                Command::LineUp
            });
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let g = self.geometry();
        if matches!(self.overlay, Overlay::Help | Overlay::Relations) {
            self.overlay = Overlay::None;
            return;
        }
        if let Some(&(s, _)) = g.panes.iter().find(|(_, r)| contains(*r, column, row)) {
            self.focus = s;
            return;
        }
        if self.overlay == Overlay::Navigator
            && let Some(list) = g.list_area()
            && contains(list, column, row)
        {
            let offset = list_offset(self.selected, usize::from(list.height));
            let pos = offset + usize::from(row - list.y);
            if pos < self.filtered.len() {
                self.visit(pos);
            }
        }
    }

    /// Paragraph n/m of the focused pane, 1-based.
    pub fn position(&self) -> (usize, usize) {
        let layout = &self.layouts[self.focus];
        let n = layout
            .para_at(self.scroll[self.focus])
            .and_then(|p| layout.shown.iter().position(|&q| q == p))
            .map_or(0, |i| i + 1);
        (n, layout.shown.len())
    }
}

/// Discrepancy `d` as plain text: its summary, then one line per mention.
/// The text is the sanitized article text (no control characters).
pub fn finding_text(report: &Report, d: usize) -> String {
    let disc = &report.discrepancies[d];
    let mut out = disc.summary.clone();
    for m in &disc.mentions {
        let name = report
            .sources
            .get(m.source.0)
            .map_or("?", |s| s.name.as_str());
        out.push_str(&format!("\n{name}: “{}”", m.text));
    }
    out.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// The OSC 52 sequence that sets the clipboard to `text` (base64, so no
/// byte of the text reaches the terminal as such).
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// First row of a list of `height` rows that keeps `selected` in view.
pub fn list_offset(selected: usize, height: usize) -> usize {
    if height == 0 || selected < height {
        0
    } else {
        selected + 1 - height
    }
}

/// Byte spans of `needle` (already lowercased) in `text`, case-insensitive.
/// Lowercasing that changes byte lengths (rare outside ASCII) falls back to
/// ASCII-only case folding so spans stay exact.
fn find_all(text: &str, needle: &str) -> Vec<Span> {
    if needle.is_empty() {
        return Vec::new();
    }
    let lowered = text.to_lowercase();
    let hay = if lowered.len() == text.len() {
        lowered
    } else {
        text.to_ascii_lowercase()
    };
    hay.match_indices(needle)
        .map(|(i, m)| Span::new(i, i + m.len()))
        .filter(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;

    fn state(width: u16, height: u16) -> State {
        state_over(fixture::report(), width, height)
    }

    fn state_over(report: Report, width: u16, height: u16) -> State {
        let config = Config {
            keymap: Keymap::default(),
            theme: Theme::monochrome(),
            osc52: false,
        };
        let mut s = State::new(report, config);
        s.update(Action::Resize { width, height });
        s
    }

    fn run(s: &mut State, commands: &[Command]) {
        for &c in commands {
            s.update(c.into());
        }
    }

    /// The paragraph at the top of pane `source`.
    /// Scrolls the focused pane (showing `source`) down a line at a time
    /// until paragraph `para` is at its top, or 100 lines have passed.
    fn scroll_focused_until_top(s: &mut State, source: usize, para: usize) {
        for _ in 0..100 {
            if top_para(s, source) == Some(para) {
                return;
            }
            s.update(Command::LineDown.into());
        }
    }

    fn top_para(s: &State, source: usize) -> Option<usize> {
        s.layouts[source].para_at(s.scroll[source])
    }

    fn screen_row_of(s: &State, source: usize, para: usize) -> isize {
        s.layouts[source].para_row[para].unwrap() as isize - s.scroll[source] as isize
    }

    #[test]
    fn scrolling_levels_other_panes_by_content() {
        let mut s = state(120, 30);
        assert_eq!(s.visible_panes(), 3);
        // Alpha's paragraph 1 (meeting length) is its first body paragraph:
        // Beta has it as paragraph 4, so Beta is scrolled to bring it level.
        run(&mut s, &[Command::LineDown, Command::LineUp]);
        assert_eq!(top_para(&s, 0), Some(1));
        assert_eq!(screen_row_of(&s, 1, 4), screen_row_of(&s, 0, 1));
        // Focus Beta and go to its top: Alpha follows by content.
        run(&mut s, &[Command::Focus(1), Command::Top]);
        assert_eq!(s.scroll[1], 0);
        assert_eq!(top_para(&s, 1), Some(0));
    }

    #[test]
    fn a_paragraph_without_a_claim_levels_by_its_sub_event() {
        // Alpha's last paragraph shares no claim with Beta, only a
        // sub-event with Beta's third paragraph.
        let mut report = fixture::report();
        report.sub_events.push(crate::model::SubEvent {
            members: vec![
                crate::model::ParagraphRef {
                    source: crate::model::SourceId(0),
                    paragraph: 5,
                },
                crate::model::ParagraphRef {
                    source: crate::model::SourceId(1),
                    paragraph: 2,
                },
            ],
            groups: Vec::new(),
        });
        let mut s = state_over(report, 120, 8);
        scroll_focused_until_top(&mut s, 0, 5);
        assert_eq!(top_para(&s, 0), Some(5));
        assert_eq!(screen_row_of(&s, 1, 2), screen_row_of(&s, 0, 5));
    }

    #[test]
    fn level_follows_the_focused_top_paragraph() {
        // Short panes, so that Beta can scroll its paragraph 3 to the top.
        let mut s = state(120, 10);
        run(&mut s, &[Command::Focus(1)]);
        // Scroll Beta until its paragraph 3 ("progress") is at the top.
        scroll_focused_until_top(&mut s, 1, 3);
        assert_eq!(top_para(&s, 1), Some(3));
        assert_eq!(screen_row_of(&s, 0, 2), screen_row_of(&s, 1, 3));
        assert_eq!(screen_row_of(&s, 2, 1), screen_row_of(&s, 1, 3));
    }

    #[test]
    fn next_discrepancy_jumps_every_mentioned_pane() {
        let mut s = state(120, 30);
        run(&mut s, &[Command::Focus(2), Command::NextDiscrepancy]);
        assert_eq!(s.current_discrepancy(), Some(0));
        // Gamma has no mention: focus moves to a source that has one.
        assert_eq!(s.focus, 0);
        let h = s.geometry().pane_height();
        for (src, para) in [(0, 1), (1, 4)] {
            let on_screen = screen_row_of(&s, src, para);
            assert!((0..h as isize).contains(&on_screen), "{src}: {on_screen}");
        }
        run(
            &mut s,
            &[
                Command::NextDiscrepancy,
                Command::NextDiscrepancy,
                Command::NextDiscrepancy,
            ],
        );
        assert_eq!(s.current_discrepancy(), Some(0));
        assert!(s.message.as_deref().unwrap().contains("wrapped"));
        run(&mut s, &[Command::PrevDiscrepancy]);
        assert_eq!(s.current_discrepancy(), Some(2));
    }

    /// The quote discrepancy moved to Alpha and Gamma: not neighbours in
    /// a two-pane strip.
    fn report_with_distant_finding() -> Report {
        let mut report = fixture::report();
        let sources = report.sources.clone();
        report.discrepancies[1].mentions[1] = fixture::mention(&sources, 2, 1, "progress");
        report
    }

    fn assert_finding_on_screen(s: &State) {
        let d = &s.report.discrepancies[s.current_discrepancy().unwrap()];
        let g = s.geometry();
        let h = g.pane_height();
        for m in &d.mentions {
            assert!(
                g.panes.iter().any(|(src, _)| *src == m.source.0),
                "source {} off screen: {:?}",
                m.source.0,
                g.panes
            );
            let row = s.layouts[m.source.0].row_of(m.paragraph, m.start).unwrap();
            let top = s.scroll[m.source.0];
            assert!(
                row >= top && row < top + h,
                "mention of {} scrolled away",
                m.source.0
            );
        }
        assert!(d.mentions.iter().any(|m| m.source.0 == s.focus));
    }

    #[test]
    fn a_finding_is_seen_whole_when_the_strip_cannot_show_it() {
        let mut s = state_over(report_with_distant_finding(), 80, 24);
        assert_eq!(s.visible_panes(), 2);
        run(
            &mut s,
            &[Command::NextDiscrepancy, Command::NextDiscrepancy],
        );
        assert_eq!(s.current_discrepancy(), Some(1));
        assert_eq!(s.pane_sources(), [0, 2]);
        assert_finding_on_screen(&s);
        // Enter opens the detail and keeps the finding whole on screen.
        run(&mut s, &[Command::Confirm]);
        assert_eq!(s.overlay, Overlay::Detail);
        assert_finding_on_screen(&s);
        run(&mut s, &[Command::Back]);
        // l moves between the panes on screen; Tab to Beta leaves them.
        run(&mut s, &[Command::Focus(0), Command::PaneRight]);
        assert_eq!((s.focus, s.pane_sources()), (2, vec![0, 2]));
        run(&mut s, &[Command::Focus(1)]);
        assert!(s.pinned.is_empty());
        assert!(s.pane_sources().contains(&1));
        // Back to the first finding: Alpha and Beta are neighbours.
        run(&mut s, &[Command::PrevDiscrepancy]);
        assert!(s.pinned.is_empty());
        assert_finding_on_screen(&s);
    }

    #[test]
    fn a_finding_gets_narrower_panes_when_it_has_more_sources_than_fit() {
        let mut s = state_over(report_with_distant_finding(), 60, 24);
        assert_eq!(s.visible_panes(), 1);
        run(&mut s, &[Command::NextDiscrepancy]);
        assert_eq!(s.pane_sources(), [0, 1], "two panes of 30 columns");
        assert_finding_on_screen(&s);
        run(&mut s, &[Command::NextDiscrepancy]);
        assert_eq!(s.pane_sources(), [0, 2]);
        assert_finding_on_screen(&s);
        // A resize keeps the finding whole while it can.
        s.update(Action::Resize {
            width: 50,
            height: 24,
        });
        assert_eq!(s.pane_sources(), [0, 2]);
        s.update(Action::Resize {
            width: 45,
            height: 24,
        });
        assert_eq!(s.pane_sources().len(), 1);
        assert!(s.pane_sources().contains(&s.focus));
    }

    #[test]
    fn scrolling_stops_at_the_end() {
        let mut s = state(120, 12);
        let h = s.geometry().pane_height();
        run(&mut s, &[Command::Focus(1), Command::Bottom]);
        let end = s.layouts[1].rows.len() - h;
        assert_eq!(s.scroll[1], end, "the last row at the bottom");
        run(&mut s, &[Command::LineDown, Command::PageDown]);
        assert_eq!(s.scroll[1], end);
        assert_eq!(s.message.as_deref(), Some("end of Beta"));
        run(&mut s, &[Command::LineUp]);
        assert_eq!(s.scroll[1], end - 1);
    }

    #[test]
    fn word_diff_names_the_source_it_diffs_against() {
        let mut s = state(120, 30);
        run(&mut s, &[Command::Focus(1), Command::ToggleWordDiff]);
        let message = s.message.clone().unwrap();
        assert!(
            message.contains("differ between Beta (the focused source)"),
            "{message}"
        );
        run(&mut s, &[Command::ToggleWordDiff]);
        assert_eq!(s.message.as_deref(), Some("word diff off"));
    }

    #[test]
    fn search_counts_only_the_text_shown_everywhere() {
        let mut s = state(120, 30);
        run(&mut s, &[Command::Search]);
        // "Beijing" is in Alpha's title (hidden furniture) and one body
        // paragraph.
        for c in "beijing".chars() {
            s.update(Action::SearchInput(c));
        }
        assert_eq!(s.search.count(), 2);
        run(&mut s, &[Command::Confirm]);
        assert_eq!(s.shown_match_count(), 1);
        assert_eq!(s.message.as_deref(), Some("/beijing: match 1/1 (Alpha)"));
        run(&mut s, &[Command::ToggleFurniture, Command::SearchNext]);
        assert_eq!(s.shown_match_count(), 2);
        assert!(
            s.message.as_deref().unwrap().contains("/2"),
            "{:?}",
            s.message
        );
    }

    #[test]
    fn mouse_release_and_copy_are_effects_for_the_loop() {
        let mut s = state(120, 30);
        assert!(s.mouse);
        run(&mut s, &[Command::ToggleMouse]);
        assert!(!s.mouse);
        assert!(s.message.as_deref().unwrap().starts_with("mouse released"));
        run(
            &mut s,
            &[
                Command::ToggleMouse,
                Command::NextDiscrepancy,
                Command::CopyFinding,
            ],
        );
        assert!(s.mouse);
        assert!(s.clipboard.is_none(), "off by default");
        assert!(s.message.as_deref().unwrap().contains("osc52 = true"));
        s.osc52 = true;
        run(&mut s, &[Command::CopyFinding]);
        let sequence = s.clipboard.take().unwrap();
        assert_eq!(
            sequence,
            osc52(
                "Meeting length: Alpha 35 min · Beta 30 min\nAlpha: “35 minutes”\nBeta: “30 minutes”"
            )
        );
        assert!(sequence.starts_with("\u{1b}]52;c;") && sequence.ends_with('\u{7}'));
        let payload = &sequence[7..sequence.len() - 1];
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }

    #[test]
    fn filter_cycles_and_restricts_n() {
        let mut s = state(120, 30);
        run(&mut s, &[Command::CycleFilter, Command::CycleFilter]);
        assert_eq!(s.filter, Filter::Kind(DiscrepancyKind::Quote));
        run(
            &mut s,
            &[Command::NextDiscrepancy, Command::NextDiscrepancy],
        );
        assert_eq!(s.current_discrepancy(), Some(1));
        run(&mut s, &[Command::CycleFilter]);
        assert_eq!(s.filtered, Vec::<usize>::new());
        run(&mut s, &[Command::NextDiscrepancy]);
        assert!(
            s.message
                .as_deref()
                .unwrap()
                .starts_with("no discrepancies")
        );
        run(&mut s, &[Command::CycleFilter, Command::CycleFilter]);
        assert_eq!(s.filter, Filter::All);
    }

    #[test]
    fn navigator_moves_selection_and_enter_closes() {
        let mut s = state(120, 30);
        run(&mut s, &[Command::ToggleNavigator]);
        assert_eq!(s.overlay, Overlay::Navigator);
        assert!(s.geometry().panel.is_some());
        run(&mut s, &[Command::LineDown, Command::LineDown]);
        assert_eq!(s.selected, 2);
        assert_eq!(s.current_discrepancy(), Some(2));
        run(&mut s, &[Command::Bottom, Command::LineDown]);
        assert_eq!(s.selected, 2);
        run(&mut s, &[Command::Top, Command::Confirm]);
        assert_eq!(s.overlay, Overlay::None);
        assert_eq!(s.current_discrepancy(), Some(0));
    }

    #[test]
    fn search_has_its_own_next_and_leaves_n_alone() {
        let mut s = state(120, 30);
        run(&mut s, &[Command::Search]);
        for c in "PROGRESS".chars() {
            s.update(Action::SearchInput(c));
        }
        // While typing, letters are text, not commands.
        assert!(!s.quit);
        assert_eq!(s.search.count(), 3);
        run(&mut s, &[Command::Confirm]);
        assert!(!s.search.editing);
        assert_eq!(s.search.cursor.map(|c| c.0), Some(0));
        run(&mut s, &[Command::SearchNext]);
        assert_eq!(
            s.search.cursor.map(|c| c.0),
            Some(1),
            "Alpha has one match: on to Beta"
        );
        run(&mut s, &[Command::NextDiscrepancy]);
        assert_eq!(s.current_discrepancy(), Some(0));
        assert_eq!(s.search.query, "PROGRESS");
        // Esc clears the search once overlays are closed.
        run(&mut s, &[Command::Back]);
        assert!(s.search.query.is_empty());
    }

    #[test]
    fn escape_closes_overlays_first_and_q_quits() {
        let mut s = state(120, 30);
        run(&mut s, &[Command::ToggleHelp, Command::Quit]);
        assert!(s.quit, "q quits even from help");
        let mut s = state(120, 30);
        run(&mut s, &[Command::ToggleHelp, Command::LineDown]);
        assert_eq!(s.overlay, Overlay::Help);
        run(&mut s, &[Command::Back]);
        assert_eq!(s.overlay, Overlay::None);
        assert!(!s.quit);
        s.update(Action::ForceQuit);
        assert!(s.quit);
    }

    #[test]
    fn narrow_terminal_shows_one_pane_and_follows_focus() {
        let mut s = state(60, 20);
        assert_eq!(s.visible_panes(), 1);
        assert_eq!(s.geometry().panes.len(), 1);
        run(&mut s, &[Command::NextPane, Command::NextPane]);
        assert_eq!((s.focus, s.strip), (2, 2));
        run(&mut s, &[Command::NextPane]);
        assert_eq!((s.focus, s.strip), (0, 0));
        run(&mut s, &[Command::PaneLeft]);
        assert_eq!(s.focus, 0);
        s.update(Action::Resize {
            width: 30,
            height: 5,
        });
        assert!(s.geometry().too_small);
    }

    #[test]
    fn furniture_is_hidden_until_toggled() {
        let mut s = state(120, 30);
        assert_eq!(s.layouts[0].para_row[0], None);
        run(&mut s, &[Command::ToggleFurniture]);
        assert_eq!(s.layouts[0].para_row[0], Some(0));
        assert!(s.furniture);
    }

    #[test]
    fn mouse_focuses_and_scrolls_the_pane_under_the_pointer() {
        let mut s = state(120, 12);
        let (_, beta) = s.geometry().panes[1];
        s.update(Action::Click {
            column: beta.x + 3,
            row: beta.y + 2,
        });
        assert_eq!(s.focus, 1);
        let (_, gamma) = s.geometry().panes[2];
        for _ in 0..5 {
            s.update(Action::Wheel {
                column: beta.x + 3,
                row: beta.y + 2,
                down: true,
            });
        }
        assert_eq!(s.focus, 1);
        // Five wheel steps of 3 lines, stopped at the end of Beta.
        let end = s.layouts[1].rows.len() - s.geometry().pane_height();
        assert_eq!(s.scroll[1], end.min(15));
        assert_eq!(
            screen_row_of(&s, 0, 2),
            screen_row_of(&s, 1, 3),
            "Alpha follows Beta by content"
        );
        s.update(Action::Click {
            column: gamma.x + 1,
            row: gamma.y + 1,
        });
        assert_eq!(s.focus, 2);
    }

    #[test]
    fn clicking_the_list_selects_and_jumps() {
        let mut s = state(120, 30);
        run(&mut s, &[Command::ToggleNavigator]);
        let list = s.geometry().list_area().unwrap();
        s.update(Action::Click {
            column: list.x + 2,
            row: list.y + 1,
        });
        assert_eq!(s.selected, 1);
        assert_eq!(s.current_discrepancy(), Some(1));
    }

    #[test]
    fn analysis_arriving_late_keeps_the_reading_position() {
        let mut bare = fixture::report();
        bare.groups.clear();
        bare.discrepancies.clear();
        let config = Config {
            keymap: Keymap::default(),
            theme: Theme::monochrome(),
            osc52: false,
        };
        let mut s = State::new(bare, config);
        s.analysing = true;
        s.update(Action::Resize {
            width: 120,
            height: 30,
        });
        run(
            &mut s,
            &[
                Command::Focus(1),
                Command::LineDown,
                Command::NextDiscrepancy,
            ],
        );
        assert!(s.message.as_deref().unwrap().contains("still analysing"));
        let top = s.scroll[1];
        s.set_report(fixture::report());
        assert!(!s.analysing);
        assert_eq!(s.scroll[1], top);
        run(&mut s, &[Command::NextDiscrepancy]);
        assert_eq!(s.current_discrepancy(), Some(0));
    }

    #[test]
    fn resize_keeps_the_top_line() {
        let mut s = state(120, 10);
        run(&mut s, &[Command::Focus(1)]);
        scroll_focused_until_top(&mut s, 1, 3);
        assert_eq!(top_para(&s, 1), Some(3));
        s.update(Action::Resize {
            width: 90,
            height: 10,
        });
        assert_eq!(top_para(&s, 1), Some(3));
    }
}
