-- The store's schema before the migrations (kompetens 0.1.0 up to 3381827): store/sqlite.py, then
-- store/accounts.py, then store/records.py. tests/store/test_migrations.py makes a database with it.
CREATE TABLE IF NOT EXISTS profiles (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    lang TEXT,
    data TEXT NOT NULL,
    created TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS profiles_kind ON profiles(kind);
CREATE TABLE IF NOT EXISTS orgs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES orgs(id),
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'recruiter', 'hiring_manager')),
    password_hash TEXT,
    created TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS users_org ON users(org_id);
CREATE TABLE IF NOT EXISTS tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL DEFAULT (datetime('now')),
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created TEXT NOT NULL DEFAULT (datetime('now')),
    expires TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    event TEXT NOT NULL,
    org_id INTEGER NOT NULL,
    user_id INTEGER,
    object_id TEXT
);
CREATE INDEX IF NOT EXISTS events_org ON events(org_id, time);
CREATE TABLE IF NOT EXISTS retention (
    org_id INTEGER PRIMARY KEY REFERENCES orgs(id),
    candidate_days INTEGER,
    event_days INTEGER NOT NULL DEFAULT 183
);
CREATE TABLE IF NOT EXISTS candidates (
    id TEXT PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    lang TEXT,
    size INTEGER NOT NULL,
    profile TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS candidates_org ON candidates(org_id, created);
CREATE TABLE IF NOT EXISTS roles (
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    org_id INTEGER NOT NULL REFERENCES orgs(id),
    data TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX IF NOT EXISTS roles_org ON roles(org_id);
CREATE TABLE IF NOT EXISTS ads (
    id TEXT PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES orgs(id),
    title TEXT,
    lang TEXT,
    text TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ads_org ON ads(org_id, created);
CREATE TABLE IF NOT EXISTS rankings (
    id TEXT PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES orgs(id),
    user_id INTEGER,
    created TEXT NOT NULL,
    role TEXT NOT NULL,
    role_id TEXT,
    role_version INTEGER,
    engine_version TEXT NOT NULL,
    taxonomy_version TEXT NOT NULL,
    inputs INTEGER NOT NULL,
    confirmed TEXT,
    confirmed_by INTEGER,
    final_order TEXT,
    reason TEXT
);
CREATE INDEX IF NOT EXISTS rankings_org ON rankings(org_id, created);
CREATE TABLE IF NOT EXISTS ranking_items (
    ranking_id TEXT NOT NULL REFERENCES rankings(id) ON DELETE CASCADE,
    candidate_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (ranking_id, candidate_id)
);
CREATE INDEX IF NOT EXISTS ranking_items_candidate ON ranking_items(candidate_id);
