//! Seeded data held by the fake, and the public snapshot types used for assertions.

use std::collections::HashMap;
use std::fmt;
use std::ops::RangeInclusive;

use crate::rng::{hash, hash_str, in_range};

/// 2024-01-01T00:00:00Z in epoch milliseconds: the origin of seeded timestamps under the
/// default clock.
const BASE_MS: i64 = 1_704_067_200_000;
const DAY_MS: i64 = 86_400_000;
/// How far before "now" seeded timestamps start: every seeded date (creation, last use) falls
/// in `now - 665 days .. now`.
const SEEDED_SPAN_MS: i64 = 665 * DAY_MS;
/// The default clock: 2025-10-27T00:00:00Z in epoch milliseconds, so the default seeded
/// dates start on 2024-01-01 (see [`ServerBuilder::now_ms`](crate::ServerBuilder::now_ms)).
pub const DEFAULT_NOW_MS: i64 = BASE_MS + SEEDED_SPAN_MS;
/// First id handed to tokens created through the API (`PUT`).
const CREATED_TOKEN_ID_BASE: u64 = 900_000_000_000;
const SEEDED_TOKEN_ID_BASE: u64 = 100_000_000_000;

const TOKEN_NAMES: [&str; 8] = [
    "ci-deploy",
    "laptop",
    "backup-script",
    "jenkins",
    "release-bot",
    "Build agent",
    "deploy, staging",
    "ide",
];
const TOKEN_PERMISSIONS: [[&str; 2]; 5] = [
    ["PROJECT_READ", "REPO_READ"],
    ["PROJECT_READ", "REPO_WRITE"],
    ["PROJECT_WRITE", "REPO_WRITE"],
    ["PROJECT_ADMIN", "REPO_ADMIN"],
    ["PROJECT_READ", "REPO_ADMIN"],
];
const EXPIRY_DAYS: [u32; 4] = [30, 90, 180, 365];
/// Explicit permissions a Cloud user can hold on a repository or project.
pub(crate) const CLOUD_PERMISSIONS: [&str; 3] = ["read", "write", "admin"];

/// A Data Center user as the fake stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DcUser {
    /// Numeric user id.
    pub id: u64,
    /// Login name (seeded users: equal to the slug).
    pub name: String,
    /// URL slug used in paths such as `/rest/api/latest/users/{slug}`.
    pub slug: String,
    /// Human-readable name.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
    /// Whether the account is active.
    pub active: bool,
    /// Creation time, epoch milliseconds.
    pub created_timestamp: i64,
    /// Last login, epoch milliseconds; `None` for users who never logged in.
    pub last_authentication_timestamp: Option<i64>,
}

/// A Data Center HTTP access token owned by a user.
#[derive(Clone, PartialEq, Eq)]
pub struct DcToken {
    /// Token id as the API returns it (a 12-digit decimal string).
    pub id: String,
    /// Name given by the owner.
    pub name: String,
    /// Creation time, epoch milliseconds.
    pub created_date: i64,
    /// Last use, epoch milliseconds; `None` if never used.
    pub last_authenticated: Option<i64>,
    /// Days until expiry from creation; `None` for tokens that never expire.
    pub expiry_days: Option<u32>,
    /// Granted permissions, e.g. `["PROJECT_READ", "REPO_WRITE"]`.
    pub permissions: Vec<String>,
    /// The secret that authenticates as the owner (Bearer, or Basic with the owner's name).
    pub secret: String,
}

impl DcToken {
    /// Expiry instant in epoch milliseconds (`created_date` plus `expiry_days` days), as sent
    /// in `expiryDate`; `None` for tokens that never expire.
    pub fn expiry_date(&self) -> Option<i64> {
        self.expiry_days
            .map(|d| self.created_date + i64::from(d) * DAY_MS)
    }
}

/// Which fields the fake sends to say when a DC access token expires
/// ([`ServerBuilder::token_expiry`](crate::ServerBuilder::token_expiry)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TokenExpiry {
    /// `expiryDays` only: the lifetime counted from `createdDate` (the default).
    #[default]
    Days,
    /// `expiryDate` only: the instant, in epoch milliseconds.
    Date,
    /// Both `expiryDays` and `expiryDate`.
    Both,
}

impl fmt::Debug for DcToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DcToken")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("created_date", &self.created_date)
            .field("last_authenticated", &self.last_authenticated)
            .field("expiry_days", &self.expiry_days)
            .field("permissions", &self.permissions)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// A member of a Cloud workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloudMember {
    /// Atlassian account id, e.g. `557058:00000001-0000-4000-8000-000000000001`.
    pub account_id: String,
    /// UUID in braces, e.g. `{00000001-0000-4000-a000-000000000001}`.
    pub uuid: String,
    /// Human-readable name, e.g. `Member 0001`.
    pub display_name: String,
    /// Nickname, e.g. `member0001`.
    pub nickname: String,
}

/// A Cloud repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloudRepo {
    /// Repository slug, e.g. `repo-0001`.
    pub slug: String,
    /// UUID in braces.
    pub uuid: String,
    /// Key of the project holding the repository.
    pub project_key: String,
    /// Whether the repository is private.
    pub is_private: bool,
}

/// A Cloud project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloudProject {
    /// Project key, e.g. `P001`.
    pub key: String,
    /// Display name, e.g. `Project 001`.
    pub name: String,
    /// UUID in braces.
    pub uuid: String,
}

/// What an explicit Cloud user permission applies to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PermissionTarget {
    /// A repository, by slug.
    Repository(String),
    /// A project, by key.
    Project(String),
}

/// One explicit user permission on a Cloud repository or project.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CloudPermission {
    /// The repository or project.
    pub target: PermissionTarget,
    /// The user's account id.
    pub account_id: String,
    /// `read`, `write` or `admin`.
    pub permission: String,
}

/// A Data Center project seeded with [`ServerBuilder::dc_project`](crate::ServerBuilder::dc_project).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DcProject {
    /// Numeric id (position among seeded projects, from 1).
    pub id: u64,
    /// Project key, as given to the builder.
    pub key: String,
    /// Display name, `Project {key}`.
    pub name: String,
    /// Repositories of the project, in listing order.
    pub repos: Vec<DcRepo>,
}

/// A Data Center repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DcRepo {
    /// Numeric id, unique across projects (from 1).
    pub id: u64,
    /// Slug used in paths, `repo-0001`...
    pub slug: String,
    /// Display name (equal to the slug).
    pub name: String,
    /// Whether anonymous users may read it (about 1 in 5).
    pub public: bool,
}

/// Shape of one seeded Cloud workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSpec {
    /// Number of members (`member0001`...).
    pub members: usize,
    /// Number of repositories (`repo-0001`...).
    pub repos: usize,
    /// Number of projects (`P001`...); repositories are spread over them round-robin.
    pub projects: usize,
    /// How many explicit user permissions each repository gets (drawn per repository).
    pub repo_permissions: RangeInclusive<usize>,
    /// How many explicit user permissions each project gets (drawn per project).
    pub project_permissions: RangeInclusive<usize>,
}

impl WorkspaceSpec {
    /// A workspace with `members` members and `repos` repositories, one project per 50
    /// repositories (at least one), 0 to 3 explicit permissions per repository and 0 to 2
    /// per project.
    pub fn new(members: usize, repos: usize) -> Self {
        WorkspaceSpec {
            members,
            repos,
            projects: (repos / 50).max(1),
            repo_permissions: 0..=3,
            project_permissions: 0..=2,
        }
    }
}

/// Per-user record: the user and their tokens (sorted by id).
pub(crate) struct DcUserRec {
    pub user: DcUser,
    pub tokens: Vec<DcToken>,
}

/// A seeded workspace with its mutable permission tables.
pub(crate) struct Workspace {
    /// Origin of this workspace's seeded dates (epoch milliseconds).
    pub origin_ms: i64,
    pub slug: String,
    pub uuid: String,
    pub members: Vec<CloudMember>,
    pub member_index: HashMap<String, usize>,
    pub repos: Vec<CloudRepo>,
    pub repo_index: HashMap<String, usize>,
    pub projects: Vec<CloudProject>,
    pub project_index: HashMap<String, usize>,
    /// Explicit permissions per repository (parallel to `repos`): (member index, permission).
    pub repo_perms: Vec<Vec<(usize, String)>>,
    /// Explicit permissions per project (parallel to `projects`).
    pub project_perms: Vec<Vec<(usize, String)>>,
}

impl Workspace {
    /// Finds a member by account id or by `{uuid}`.
    pub fn member(&self, id: &str) -> Option<usize> {
        self.member_index.get(id).copied()
    }
}

/// Everything the server knows; guarded by one mutex, never held across an await.
pub(crate) struct State {
    /// Which expiry fields token answers carry.
    pub token_expiry: TokenExpiry,
    /// The server's clock: `now_ms` at `started`, moving with real time after that.
    pub now_ms: i64,
    pub started: std::time::Instant,
    pub dc_users: Vec<DcUserRec>,
    pub dc_by_slug: HashMap<String, usize>,
    /// Token secret -> (user index, token id).
    pub token_secrets: HashMap<String, (usize, String)>,
    pub next_token_id: u64,
    pub workspaces: Vec<Workspace>,
    pub dc_projects: Vec<DcProject>,
    /// Cloud downloads: (workspace, repository, file name) -> content.
    pub cloud_downloads: HashMap<(String, String, String), Vec<u8>>,
}

/// Inputs to seeding, collected by the builder.
#[derive(Clone, Debug)]
pub(crate) struct SeedSpec {
    pub seed: u64,
    /// "Now" at start, epoch milliseconds; `None` reads the system clock at start.
    pub now_ms: Option<i64>,
    pub token_expiry: TokenExpiry,
    pub dc_users: usize,
    pub named_users: Vec<String>,
    pub tokens_per_user: RangeInclusive<usize>,
    pub workspaces: Vec<(String, WorkspaceSpec)>,
    /// DC projects: (key, repository count).
    pub dc_projects: Vec<(String, usize)>,
    /// Cloud downloads: (workspace, repository, file name, content).
    pub cloud_downloads: Vec<(String, String, String, Vec<u8>)>,
}

/// The system clock in epoch milliseconds.
fn system_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn width(n: usize) -> usize {
    n.to_string().len().max(4)
}

fn seeded_user(
    seed: u64,
    origin: i64,
    index: usize,
    name: String,
    slug: String,
    display: String,
) -> DcUser {
    let i = index as u64;
    let created = origin + (hash(seed, &[1, i]) % (365 * DAY_MS as u64)) as i64;
    let h = hash(seed, &[2, i]);
    let email = if name.contains('@') {
        name.clone()
    } else {
        format!("{}@example.com", name.replace(' ', "."))
    };
    DcUser {
        id: i,
        name,
        slug,
        display_name: display,
        email,
        active: !h.is_multiple_of(50),
        created_timestamp: created,
        last_authentication_timestamp: (!h.is_multiple_of(8))
            .then(|| created + (hash(seed, &[3, i]) % (300 * DAY_MS as u64)) as i64),
    }
}

fn seeded_tokens(
    seed: u64,
    index: usize,
    user: &DcUser,
    range: &RangeInclusive<usize>,
) -> Vec<DcToken> {
    let i = index as u64;
    let count = in_range(hash(seed, &[10, i]), *range.start(), *range.end()).min(999);
    (0..count as u64)
        .map(|k| {
            let h = hash(seed, &[11, i, k]);
            let created = user.created_timestamp + (h % (200 * DAY_MS as u64)) as i64;
            let h2 = hash(seed, &[12, i, k]);
            DcToken {
                id: (SEEDED_TOKEN_ID_BASE + i * 1000 + k).to_string(),
                name: format!("{} {}", TOKEN_NAMES[(h % 8) as usize], k + 1),
                created_date: created,
                last_authenticated: (!h2.is_multiple_of(4))
                    .then(|| created + (hash(seed, &[13, i, k]) % (60 * DAY_MS as u64)) as i64),
                expiry_days: (!(h2 >> 8).is_multiple_of(3))
                    .then(|| EXPIRY_DAYS[((h2 >> 16) % 4) as usize]),
                permissions: TOKEN_PERMISSIONS[((h2 >> 24) % 5) as usize]
                    .iter()
                    .map(|p| p.to_string())
                    .collect(),
                secret: format!(
                    "BBDC-{:016x}{:016x}",
                    hash(seed, &[14, i, k]),
                    hash(seed, &[15, i, k])
                ),
            }
        })
        .collect()
}

fn seeded_workspace(
    seed: u64,
    origin_ms: i64,
    ws_no: u64,
    slug: &str,
    spec: &WorkspaceSpec,
) -> Workspace {
    let wh = hash_str(slug);
    let (mw, rw) = (width(spec.members), width(spec.repos));
    let pw = spec.projects.max(1).to_string().len().max(3);
    let members: Vec<CloudMember> = (1..=spec.members as u64)
        .map(|m| CloudMember {
            account_id: format!("557058:{ws_no:08x}-0000-4000-8000-{m:012x}"),
            uuid: format!("{{{ws_no:08x}-0000-4000-a000-{m:012x}}}"),
            display_name: format!("Member {m:0mw$}"),
            nickname: format!("member{m:0mw$}"),
        })
        .collect();
    let mut member_index = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        member_index.insert(m.account_id.clone(), i);
        member_index.insert(m.uuid.clone(), i);
    }
    let projects: Vec<CloudProject> = (1..=spec.projects.max(1) as u64)
        .map(|p| CloudProject {
            key: format!("P{p:0pw$}"),
            name: format!("Project {p:0pw$}"),
            uuid: format!("{{{ws_no:08x}-0000-4000-b000-{p:012x}}}"),
        })
        .collect();
    let repos: Vec<CloudRepo> = (1..=spec.repos as u64)
        .map(|r| CloudRepo {
            slug: format!("repo-{r:0rw$}"),
            uuid: format!("{{{ws_no:08x}-0000-4000-c000-{r:012x}}}"),
            project_key: projects[((r - 1) as usize) % projects.len()].key.clone(),
            is_private: !hash(seed, &[wh, 30, r]).is_multiple_of(5),
        })
        .collect();
    let pick = |kind: u64, n: usize, range: &RangeInclusive<usize>| -> Vec<Vec<(usize, String)>> {
        (0..n as u64)
            .map(|t| {
                if members.is_empty() {
                    return Vec::new();
                }
                let want = in_range(hash(seed, &[wh, kind, t]), *range.start(), *range.end())
                    .min(members.len());
                let mut chosen: Vec<(usize, String)> = Vec::with_capacity(want);
                let mut j = 0u64;
                while chosen.len() < want {
                    let h = hash(seed, &[wh, kind + 1, t, j]);
                    let m = (h % members.len() as u64) as usize;
                    // After many collisions fall back to a linear probe so this always ends.
                    let m = if j > 64 {
                        (m..)
                            .map(|x| x % members.len())
                            .find(|x| !chosen.iter().any(|c| c.0 == *x))
                            .unwrap_or(m)
                    } else {
                        m
                    };
                    if !chosen.iter().any(|c| c.0 == m) {
                        chosen.push((m, CLOUD_PERMISSIONS[((h >> 32) % 3) as usize].to_string()));
                    }
                    j += 1;
                }
                chosen
            })
            .collect()
    };
    let repo_perms = pick(40, repos.len(), &spec.repo_permissions);
    let project_perms = pick(50, projects.len(), &spec.project_permissions);
    Workspace {
        origin_ms,
        slug: slug.to_string(),
        uuid: format!(
            "{{{ws_no:08x}-0000-4000-d000-{:012x}}}",
            wh & 0xffff_ffff_ffff
        ),
        member_index,
        repo_index: repos
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.clone(), i))
            .collect(),
        project_index: projects
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key.clone(), i))
            .collect(),
        members,
        repos,
        projects,
        repo_perms,
        project_perms,
    }
}

fn seeded_dc_projects(seed: u64, specs: &[(String, usize)]) -> Vec<DcProject> {
    let mut next_repo = 0u64;
    specs
        .iter()
        .enumerate()
        .map(|(p, (key, count))| {
            let rw = width(*count);
            let kh = hash_str(key);
            let repos = (1..=*count as u64)
                .map(|r| {
                    next_repo += 1;
                    let slug = format!("repo-{r:0rw$}");
                    DcRepo {
                        id: next_repo,
                        name: slug.clone(),
                        slug,
                        public: hash(seed, &[kh, 60, r]).is_multiple_of(5),
                    }
                })
                .collect();
            DcProject {
                id: p as u64 + 1,
                key: key.clone(),
                name: format!("Project {key}"),
                repos,
            }
        })
        .collect()
}

impl State {
    /// Builds the deterministic initial state for a seed specification.
    pub fn seed(spec: &SeedSpec) -> State {
        let now_ms = spec.now_ms.unwrap_or_else(system_now_ms);
        let origin = now_ms - SEEDED_SPAN_MS;
        let w = width(spec.dc_users);
        let mut dc_users = Vec::with_capacity(spec.dc_users + spec.named_users.len());
        for i in 1..=spec.dc_users {
            let slug = format!("user{i:0w$}");
            let display = format!("User {i:0w$}");
            let user = seeded_user(spec.seed, origin, i, slug.clone(), slug, display);
            dc_users.push(user);
        }
        for (k, name) in spec.named_users.iter().enumerate() {
            let i = spec.dc_users + k + 1;
            dc_users.push(seeded_user(
                spec.seed,
                origin,
                i,
                name.clone(),
                name.clone(),
                name.clone(),
            ));
        }
        let mut state = State {
            token_expiry: spec.token_expiry,
            now_ms,
            started: std::time::Instant::now(),
            dc_users: Vec::new(),
            dc_by_slug: HashMap::new(),
            token_secrets: HashMap::new(),
            next_token_id: CREATED_TOKEN_ID_BASE,
            workspaces: Vec::new(),
            dc_projects: seeded_dc_projects(spec.seed, &spec.dc_projects),
            cloud_downloads: spec
                .cloud_downloads
                .iter()
                .map(|(w, r, f, c)| ((w.clone(), r.clone(), f.clone()), c.clone()))
                .collect(),
        };
        for user in dc_users {
            let index = user.id as usize;
            let tokens = seeded_tokens(spec.seed, index, &user, &spec.tokens_per_user);
            state.add_dc_user(user, tokens);
        }
        for (n, (slug, ws)) in spec.workspaces.iter().enumerate() {
            state
                .workspaces
                .push(seeded_workspace(spec.seed, origin, n as u64 + 1, slug, ws));
        }
        state
    }

    /// The server's current time in epoch milliseconds: the configured start instant plus the
    /// real time elapsed since.
    pub fn now_ms(&self) -> i64 {
        let elapsed = i64::try_from(self.started.elapsed().as_millis()).unwrap_or(i64::MAX);
        self.now_ms.saturating_add(elapsed)
    }

    fn add_dc_user(&mut self, user: DcUser, tokens: Vec<DcToken>) {
        let idx = self.dc_users.len();
        for t in &tokens {
            self.token_secrets
                .insert(t.secret.clone(), (idx, t.id.clone()));
        }
        self.dc_by_slug.insert(user.slug.clone(), idx);
        self.dc_users.push(DcUserRec { user, tokens });
    }

    /// Finds a DC user by slug (exact match, after percent-decoding by the router).
    pub fn dc_user(&self, slug: &str) -> Option<usize> {
        self.dc_by_slug.get(slug).copied()
    }

    /// Creates a token for a user and returns it.
    pub fn create_token(
        &mut self,
        user: usize,
        name: String,
        permissions: Vec<String>,
        expiry_days: Option<u32>,
        now_ms: i64,
    ) -> DcToken {
        let id = self.next_token_id;
        self.next_token_id += 1;
        let token = DcToken {
            id: id.to_string(),
            name,
            created_date: now_ms,
            last_authenticated: None,
            expiry_days,
            permissions,
            secret: format!(
                "BBDC-created-{:016x}{:016x}",
                crate::rng::mix(id),
                crate::rng::mix(!id)
            ),
        };
        self.token_secrets
            .insert(token.secret.clone(), (user, token.id.clone()));
        let tokens = &mut self.dc_users[user].tokens;
        tokens.push(token.clone());
        tokens.sort_by(|a, b| a.id.cmp(&b.id));
        token
    }

    /// Deletes a token; returns whether it existed.
    pub fn delete_token(&mut self, user: usize, id: &str) -> bool {
        let tokens = &mut self.dc_users[user].tokens;
        match tokens.iter().position(|t| t.id == id) {
            Some(pos) => {
                let t = tokens.remove(pos);
                self.token_secrets.remove(&t.secret);
                true
            }
            None => false,
        }
    }

    /// Finds a DC project by key (case-insensitive, as Data Center does).
    pub fn dc_project(&self, key: &str) -> Option<usize> {
        self.dc_projects
            .iter()
            .position(|p| p.key.eq_ignore_ascii_case(key))
    }

    /// Finds a workspace by slug or `{uuid}`.
    pub fn workspace(&self, id: &str) -> Option<usize> {
        self.workspaces
            .iter()
            .position(|w| w.slug == id || w.uuid == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(seed: u64) -> SeedSpec {
        SeedSpec {
            seed,
            now_ms: Some(DEFAULT_NOW_MS),
            token_expiry: TokenExpiry::Days,
            dc_users: 50,
            named_users: vec!["jane doe@example.com".into()],
            tokens_per_user: 0..=3,
            workspaces: vec![("acme".into(), WorkspaceSpec::new(10, 30))],
            dc_projects: vec![("PRJ".into(), 3)],
            cloud_downloads: Vec::new(),
        }
    }

    #[test]
    fn seeding_is_deterministic_and_varied() {
        let a = State::seed(&spec(1));
        let b = State::seed(&spec(1));
        let c = State::seed(&spec(2));
        let tokens = |s: &State| {
            s.dc_users
                .iter()
                .map(|u| u.tokens.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(tokens(&a), tokens(&b));
        assert_ne!(tokens(&a), tokens(&c));
        assert_eq!(a.dc_users.len(), 51);
        assert_eq!(a.dc_users[0].user.slug, "user0001");
        assert!(a.dc_user("jane doe@example.com").is_some());
        let counts: Vec<usize> = a.dc_users.iter().map(|u| u.tokens.len()).collect();
        assert!(counts.contains(&0) && counts.iter().any(|c| *c >= 2));
        let ws = &a.workspaces[0];
        assert_eq!(ws.repos[0].slug, "repo-0001");
        assert_eq!(ws.members[9].nickname, "member0010");
        assert!(ws.repo_perms.iter().all(|p| p.len() <= 3));
        assert!(ws.repo_perms.iter().map(Vec::len).sum::<usize>() > 0);
    }
}
