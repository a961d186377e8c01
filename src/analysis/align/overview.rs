//! The sources at a glance, from their pairwise relations: which report one
//! event and are compared together, which is a later report, a part, a
//! rewrite or a copy of another, and which are set aside because they
//! report a different event.
//!
//! Sources are joined by every relation but `different_event` (and when a
//! report lacks the pair's relation); each connected set is one story. The largest (the first in input order on a
//! tie) is the main one. Its sources, and those of any other set of two or
//! more, are compared among themselves; a source alone is set aside, with
//! a line saying why. A source whose text is identical to an earlier one's
//! is said once and compared with nothing.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{RelationKind, RewriteKind, Source, SourceId, SourceRelation};

/// Copies and rewrites named one by one in the summary, up to this many;
/// more are summed up in one part each.
const DERIVED_LISTED: usize = 2;

/// What one source is in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Reports the main event.
    Core,
    /// A later report of the story (of `of`).
    LaterReport { of: SourceId },
    /// Covers part of `of`.
    Partial { of: SourceId },
    /// A rewrite or near-copy of `of`.
    Rewrite { of: SourceId, kind: RewriteKind },
    /// The same text as `of`: shown once, compared with nothing.
    Copy { of: SourceId },
    /// Reports another story than the main one, with other sources
    /// (`story` indexes [`Overview::stories`]).
    OtherStory { story: usize },
    /// Reports an event no other source reports.
    SetAside,
}

/// The sources at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// The role of every source, by id.
    pub roles: Vec<Role>,
    /// Sources that report one story, main story first; each is compared
    /// within itself (copies left out). Sets of one are not stories.
    pub stories: Vec<Vec<SourceId>>,
}

impl Overview {
    /// Reads the relations of a report over `n` sources.
    pub fn new(n: usize, relations: &[SourceRelation]) -> Overview {
        let index: HashMap<(usize, usize), &SourceRelation> =
            relations.iter().map(|r| ((r.a.0, r.b.0), r)).collect();
        let relation = |x: usize, y: usize| index.get(&(x.min(y), x.max(y))).copied();
        // copies: a source identical to an earlier one
        let mut copy_of: Vec<Option<usize>> = vec![None; n];
        for r in relations {
            if r.kind == RelationKind::Identical && copy_of[r.b.0].is_none() {
                let mut root = r.a.0;
                while let Some(up) = copy_of[root] {
                    root = up;
                }
                if root != r.b.0 {
                    copy_of[r.b.0] = Some(root);
                }
            }
        }
        // stories: connected by every relation that shares an event
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        // a pair without a relation (a hand-made report) is not set apart:
        // only a `different_event` relation separates two sources
        for a in 0..n {
            for b in a + 1..n {
                if relation(a, b).is_none_or(|r| r.kind.shares_event()) {
                    let (x, y) = (find(&mut parent, a), find(&mut parent, b));
                    if x != y {
                        parent[x.max(y)] = x.min(y);
                    }
                }
            }
        }
        let mut sets: Vec<Vec<usize>> = Vec::new();
        for s in 0..n {
            let root = find(&mut parent, s);
            match sets.iter_mut().find(|set| set[0] == root) {
                Some(set) => set.push(s),
                None => sets.push(vec![s]),
            }
        }
        let compared = |set: &Vec<usize>| set.iter().filter(|s| copy_of[**s].is_none()).count();
        // largest first; on a tie, the one that starts earlier
        sets.sort_by(|x, y| compared(y).cmp(&compared(x)).then(x[0].cmp(&y[0])));
        let mut roles = vec![Role::SetAside; n];
        let mut stories = Vec::new();
        for (k, set) in sets.iter().enumerate() {
            let members: Vec<usize> = set
                .iter()
                .copied()
                .filter(|s| copy_of[*s].is_none())
                .collect();
            if members.len() >= 2 {
                let story = stories.len();
                stories.push(members.iter().map(|s| SourceId(*s)).collect());
                for &s in &members {
                    roles[s] = if k == 0 {
                        Role::Core
                    } else {
                        Role::OtherStory { story }
                    };
                }
            }
        }
        for s in 0..n {
            if let Some(of) = copy_of[s] {
                roles[s] = Role::Copy { of: SourceId(of) };
                // the original of a copy is no source alone on its event
                if roles[of] == Role::SetAside && sets[0].contains(&of) {
                    roles[of] = Role::Core;
                }
            }
        }
        // within the main story: rewrites, later reports, parts
        let core: Vec<usize> = (0..n).filter(|s| roles[*s] == Role::Core).collect();
        for &s in &core {
            let rewrite = core.iter().find_map(|&o| {
                relation(s, o)
                    .filter(|_| o != s)
                    .and_then(|r| r.rewrite_of.as_ref())
                    .filter(|w| w.derived.0 == s)
                    .map(|w| Role::Rewrite {
                        of: w.original,
                        kind: w.kind,
                    })
            });
            if let Some(role) = rewrite {
                roles[s] = role;
            }
        }
        // later reports and parts, among the sources that are no rewrite
        let independent: Vec<usize> = core
            .iter()
            .copied()
            .filter(|s| roles[*s] == Role::Core)
            .collect();
        for &s in &independent {
            let others: Vec<usize> = independent.iter().copied().filter(|o| *o != s).collect();
            // the later side of a later report with most of the others
            let later_of: Vec<usize> = others
                .iter()
                .copied()
                .filter(|&o| {
                    relation(s, o).is_some_and(|r| {
                        r.kind == RelationKind::LaterReport && r.evidence.later == Some(SourceId(s))
                    })
                })
                .collect();
            if !later_of.is_empty() && 2 * later_of.len() > others.len() {
                roles[s] = Role::LaterReport {
                    of: SourceId(later_of[0]),
                };
                continue;
            }
            let part_of = others.iter().copied().find(|&o| {
                relation(s, o).is_some_and(|r| {
                    r.kind == RelationKind::Partial && r.evidence.part == Some(SourceId(s))
                })
            });
            if let Some(o) = part_of {
                roles[s] = Role::Partial { of: SourceId(o) };
            }
        }
        // a story needs one source in its core: if every main source got
        // another role (two sources, one later), the first stays core
        if !core.is_empty() && core.iter().all(|s| roles[*s] != Role::Core) {
            let first = core
                .iter()
                .copied()
                .find(|s| !matches!(roles[*s], Role::Rewrite { .. }))
                .unwrap_or(core[0]);
            roles[first] = Role::Core;
        }
        Overview { roles, stories }
    }

    /// True when no two sources report one event: nothing is compared (one
    /// text given several times is one report, not this).
    pub fn nothing_shared(&self) -> bool {
        self.roles.len() >= 2 && self.stories.is_empty() && !self.roles.contains(&Role::Core)
    }

    /// The sources set aside (alone on their event).
    pub fn set_aside(&self) -> impl Iterator<Item = SourceId> + '_ {
        self.roles
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == Role::SetAside)
            .map(|(s, _)| SourceId(s))
    }

    /// True when the sources are one story, compared all together, with no
    /// copy: the comparison runs as if there were no relations.
    pub fn all_one_story(&self) -> bool {
        self.stories.len() == 1 && self.stories[0].len() == self.roles.len()
    }

    /// The one-line summary: "FT, Sky, AP: one event · TIME: a later report
    /// · Daily Courier: rewrite of AP". Empty for fewer than two sources.
    pub fn summary(&self, sources: &[Source]) -> String {
        let n = self.roles.len();
        if n < 2 {
            return String::new();
        }
        let raw = |s: SourceId| sources.get(s.0).map_or("?", |x| x.name.as_str());
        // a name another source shares (and that is not a copy of the same
        // text) carries its pane number, so no source reads as itself
        let names: Vec<String> = (0..n)
            .map(|s| {
                let me = raw(SourceId(s));
                let shared = (0..n).any(|o| {
                    o != s && raw(SourceId(o)) == me && !self.copies(SourceId(s), SourceId(o))
                });
                if shared {
                    format!("{me} ({})", s + 1)
                } else {
                    me.to_string()
                }
            })
            .collect();
        let name = |s: SourceId| names.get(s.0).map_or("?", String::as_str);
        let mut parts = Vec::new();
        let core: Vec<&str> = (0..n)
            .filter(|s| self.roles[*s] == Role::Core)
            .map(|s| name(SourceId(s)))
            .collect();
        let later = self
            .roles
            .iter()
            .any(|r| matches!(r, Role::LaterReport { .. }));
        let related = self
            .roles
            .iter()
            .any(|r| !matches!(r, Role::Core | Role::SetAside | Role::OtherStory { .. }));
        match core.len() {
            0 => {}
            1 if later => parts.push(format!("{}: the first report", core[0])),
            1 if related => parts.push(format!("{}: the report", core[0])),
            1 => parts.push(format!("{}: one event", core[0])),
            _ => parts.push(format!("{}: one event", core.join(", "))),
        }
        // many copies and rewrites are summed up (12 near copies are 66 pairs)
        let copies = self
            .roles
            .iter()
            .filter(|r| matches!(r, Role::Copy { .. }))
            .count();
        let rewrites = self
            .roles
            .iter()
            .filter(|r| matches!(r, Role::Rewrite { .. }))
            .count();
        let summed = copies + rewrites > DERIVED_LISTED;
        for (s, role) in self.roles.iter().enumerate() {
            let me = name(SourceId(s));
            let part = match role {
                Role::Core | Role::SetAside | Role::OtherStory { .. } => continue,
                Role::Rewrite { .. } | Role::Copy { .. } if summed => continue,
                Role::LaterReport { .. } => format!("{me}: a later report"),
                Role::Partial { of } => format!("{me}: part of {}", name(*of)),
                Role::Rewrite { of, kind } => format!("{me}: {} of {}", kind.label(), name(*of)),
                Role::Copy { of } if raw(*of) == raw(SourceId(s)) => format!("{me}: given twice"),
                Role::Copy { of } => format!("{me}: the same text as {}", name(*of)),
            };
            parts.push(part);
        }
        if summed && copies > 0 {
            parts.push(format!(
                "{copies} of {n} sources are the same text as another, compared once"
            ));
        }
        if summed && rewrites > 0 {
            parts.push(format!(
                "{rewrites} of {n} sources read as rewrites or near copies of others: not \
                 independent confirmation; `parallax report` lists them"
            ));
        }
        for story in self.stories.iter().skip(1) {
            let names: Vec<&str> = story.iter().map(|s| name(*s)).collect();
            parts.push(format!("{}: another event", names.join(", ")));
        }
        let aside: Vec<&str> = self.set_aside().map(name).collect();
        if self.nothing_shared() {
            return format!("{}: no two report the same event", aside.join(", "));
        }
        match aside.len() {
            0 => {}
            1 => parts.push(format!("{}: a different event, set aside", aside[0])),
            _ => parts.push(format!("{}: different events, set aside", aside.join(", "))),
        }
        parts.join(" · ")
    }

    /// True when one of the two is a copy of the other's text (or both of
    /// a third's).
    fn copies(&self, x: SourceId, y: SourceId) -> bool {
        let root = |s: SourceId| match self.roles.get(s.0) {
            Some(Role::Copy { of }) => *of,
            _ => s,
        };
        root(x) == root(y)
    }

    /// One line per source set aside (or, when nothing is shared, one line
    /// for all), saying which and why.
    pub fn set_aside_lines(&self, sources: &[Source], relations: &[SourceRelation]) -> Vec<String> {
        let name = |s: SourceId| sources.get(s.0).map_or("?", |x| x.name.as_str());
        if self.nothing_shared() {
            return vec![format!(
                "No two sources report the same event, so nothing is compared: {}.",
                relations
                    .iter()
                    .map(|r| format!("{} / {}: {}", name(r.a), name(r.b), r.evidence.note))
                    .collect::<Vec<_>>()
                    .join("; ")
            )];
        }
        let main: Vec<SourceId> = self.stories.first().cloned().unwrap_or_default();
        let main_names: Vec<&str> = main.iter().map(|s| name(*s)).collect();
        self.set_aside()
            .map(|s| {
                // the closest source of the main story, for the reason
                let closest = relations
                    .iter()
                    .filter(|r| {
                        (r.a == s && main.contains(&r.b)) || (r.b == s && main.contains(&r.a))
                    })
                    .max_by(|x, y| x.score.total_cmp(&y.score));
                let why = closest.map_or(String::new(), |r| {
                    let other = if r.a == s { r.b } else { r.a };
                    format!(" (closest, {}: {})", name(other), r.evidence.note)
                });
                format!(
                    "{} is set aside: it reports a different event from {}{why}.",
                    name(s),
                    join(&main_names)
                )
            })
            .collect()
    }
}

fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationEvidence;

    fn rel(a: usize, b: usize, kind: RelationKind) -> SourceRelation {
        SourceRelation {
            a: SourceId(a),
            b: SourceId(b),
            kind,
            score: if kind == RelationKind::DifferentEvent {
                0.1
            } else {
                0.9
            },
            ..SourceRelation::default()
        }
    }

    fn sources(names: &[&str]) -> Vec<Source> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Source {
                id: SourceId(i),
                name: n.to_string(),
                origin: String::new(),
                date: None,
                title: None,
                paragraphs: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn one_line_names_every_role() {
        use RelationKind::*;
        let mut later = rel(0, 3, LaterReport);
        later.evidence = RelationEvidence {
            later: Some(SourceId(3)),
            ..RelationEvidence::default()
        };
        let mut later13 = rel(1, 3, LaterReport);
        later13.evidence.later = Some(SourceId(3));
        let mut rw = rel(2, 4, Rewrite);
        rw.rewrite_of = Some(crate::model::Rewrite {
            derived: SourceId(4),
            original: SourceId(2),
            kind: RewriteKind::Rewrite,
        });
        let relations = vec![
            rel(0, 1, SameEvent),
            rel(0, 2, SameEvent),
            later,
            rel(0, 4, SameEvent),
            rel(0, 5, DifferentEvent),
            rel(1, 2, SameEvent),
            later13,
            rel(1, 4, SameEvent),
            rel(1, 5, DifferentEvent),
            rel(2, 3, SameEvent),
            rw,
            rel(2, 5, DifferentEvent),
            rel(3, 4, SameEvent),
            rel(3, 5, DifferentEvent),
            rel(4, 5, DifferentEvent),
        ];
        let o = Overview::new(6, &relations);
        let names = sources(&["FT", "Sky", "AP", "TIME", "Daily Courier", "Gazette"]);
        assert_eq!(
            o.summary(&names),
            "FT, Sky, AP: one event · TIME: a later report · Daily Courier: rewrite of AP \
             · Gazette: a different event, set aside"
        );
        assert_eq!(o.set_aside().collect::<Vec<_>>(), vec![SourceId(5)]);
        assert_eq!(o.stories.len(), 1);
        let lines = o.set_aside_lines(&names, &relations);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("Gazette is set aside"), "{lines:?}");
    }

    #[test]
    fn nothing_shared_is_said_once() {
        let relations = vec![rel(0, 1, RelationKind::DifferentEvent)];
        let o = Overview::new(2, &relations);
        assert!(o.nothing_shared());
        let names = sources(&["Texas", "Arizona"]);
        assert_eq!(
            o.summary(&names),
            "Texas, Arizona: no two report the same event"
        );
        assert_eq!(o.set_aside_lines(&names, &relations).len(), 1);
    }

    #[test]
    fn a_copy_is_compared_with_nothing() {
        let relations = vec![
            rel(0, 1, RelationKind::Identical),
            rel(0, 2, RelationKind::SameEvent),
            rel(1, 2, RelationKind::SameEvent),
        ];
        let o = Overview::new(3, &relations);
        assert_eq!(o.roles[1], Role::Copy { of: SourceId(0) });
        assert_eq!(o.stories, vec![vec![SourceId(0), SourceId(2)]]);
        assert!(!o.all_one_story());
        let names = sources(&["AP", "AP", "Sky"]);
        assert_eq!(o.summary(&names), "AP, Sky: one event · AP: given twice");
    }

    #[test]
    fn two_stories_are_compared_apart() {
        use RelationKind::*;
        let relations = vec![
            rel(0, 1, DifferentEvent),
            rel(0, 2, SameEvent),
            rel(0, 3, DifferentEvent),
            rel(1, 2, DifferentEvent),
            rel(1, 3, SameEvent),
            rel(2, 3, DifferentEvent),
        ];
        let o = Overview::new(4, &relations);
        assert_eq!(
            o.stories,
            vec![
                vec![SourceId(0), SourceId(2)],
                vec![SourceId(1), SourceId(3)]
            ]
        );
        assert_eq!(o.roles[1], Role::OtherStory { story: 1 });
        let names = sources(&["A", "B", "C", "D"]);
        assert_eq!(o.summary(&names), "A, C: one event · B, D: another event");
    }
}
