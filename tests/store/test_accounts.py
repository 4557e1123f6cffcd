"""Accounts in the store: organisations, users, argon2 passwords, hashed tokens, sessions, private files."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from argon2 import extract_parameters, profiles

from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.store import Accounts, Store

from ..databases import stored_text

PASSWORD = "Lösenord med mellanslag 42"


def _file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())


@pytest.fixture
def accounts(tmp_path: Path, database_url: str | None) -> Accounts:
    """Accounts on each backend (the SQLite file is tmp_path / kompetens.sqlite)."""
    return Accounts(Store(database_url or tmp_path / "kompetens.sqlite"))


def _kept(accounts: Accounts, tmp_path: Path) -> bytes:
    """What the store keeps: the rows of its database, and the SQLite files as they lie on disk."""
    return stored_text(accounts.store).encode() + _file_bytes(tmp_path / "kompetens.sqlite")


def test_users_belong_to_one_organisation(accounts: Accounts) -> None:
    a = accounts.add_user("Anna@Example.se", org="Exempelbolaget", role="admin")
    b = accounts.add_user("bo@example.se", org="Exempelbolaget", role="hiring_manager")
    c = accounts.add_user("cia@annat.se", org="Annat AB", role="recruiter")
    assert a.org_id == b.org_id != c.org_id
    assert accounts.user("anna@example.se") == a  # emails match in any case
    assert [u.email for u in accounts.users(org="Exempelbolaget")] == ["Anna@Example.se", "bo@example.se"]
    assert len(accounts.users()) == 3 and accounts.has_users()


@pytest.mark.parametrize(
    ("email", "role", "code"),
    [
        ("x@example.se", "owner", Code.E500),
        ("anna@example.se", "admin", Code.E501),
        ("no-at", "admin", Code.E301),
    ],
)
def test_coded_errors(accounts: Accounts, email: str, role: str, code: Code) -> None:
    accounts.add_user("anna@example.se", org="O", role="admin")
    with pytest.raises(KompetensError) as err:
        accounts.add_user(email, org="O", role=role)
    assert err.value.code == code


def test_emails_are_unique_in_any_case(accounts: Accounts) -> None:
    accounts.add_user("Anna@Example.se", org="O", role="admin")
    with pytest.raises(KompetensError) as err:
        accounts.add_user("anna@EXAMPLE.se", org="P", role="recruiter")
    assert err.value.code == Code.E501 and [u.email for u in accounts.users()] == ["Anna@Example.se"]
    assert accounts.remove_user("ANNA@example.se").email == "Anna@Example.se" and not accounts.has_users()


def test_failed_sign_ins_are_counted_per_key_in_a_window(accounts: Accounts) -> None:
    for at in (100.0, 200.0, 300.0):
        accounts.add_signin_failure(["email:a", "addr:x"], at=at, forget_before=at - 150)
    accounts.add_signin_failure(["email:b", "addr:x"], at=301.0, forget_before=51.0)
    assert accounts.signin_failures(["email:a"], since=0) == 2  # 100 was forgotten at 300
    assert accounts.signin_failures(["email:a"], since=200) == 1
    assert accounts.signin_failures(["email:b", "addr:x"], since=0) == 3  # the most of any key
    assert accounts.signin_failures(["email:c"], since=0) == 0 and accounts.signin_failures([], since=0) == 0
    accounts.clear_signin_failures(["email:a", "addr:x"])
    assert accounts.signin_failures(["email:a", "addr:x", "email:b"], since=0) == 1


def test_unknown_user(accounts: Accounts) -> None:
    for call in (accounts.user, accounts.remove_user, accounts.issue_token, accounts.tokens):
        with pytest.raises(KompetensError) as err:
            call("nobody@example.se")
        assert err.value.code == Code.E502


def test_a_new_user_of_an_organisation_named_in_another_case_makes_no_second_one(accounts: Accounts) -> None:
    """``users add cd@example.se --org fiktivbyrån`` beside "Fiktivbyrån" made a second, empty organisation
    (a bug hunt, hK, finding 13): E509 names the one that exists, and nothing is added."""
    first = accounts.add_user("anna@example.se", org="Fiktivbyrån", role="admin")
    with pytest.raises(KompetensError) as err:
        accounts.add_user("cd@example.se", org="fiktivbyrån", role="recruiter")
    assert err.value.code is Code.E509 and "did you mean --org 'Fiktivbyrån'" in err.value.message
    assert [u.email for u in accounts.users()] == ["anna@example.se"]
    assert accounts.add_user("cd@example.se", org=" Fiktivbyrån ", role="recruiter").org_id == first.org_id
    assert accounts.add_user("ed@example.se", org="Annan byrå", role="admin").org_id != first.org_id


def test_a_member_of_another_organisation_is_no_member(accounts: Accounts) -> None:
    """``member`` answers another organisation's user word for word as an unknown email."""
    a = accounts.add_user("anna@example.se", org="Exempelbolaget", role="admin")
    accounts.add_user("cia@annat.se", org="Annat AB", role="recruiter")
    assert accounts.member("Anna@Example.se", a.org_id) == a
    said = []
    for email in ("cia@annat.se", "nobody@annat.se"):
        with pytest.raises(KompetensError) as err:
            accounts.member(email, a.org_id)
        said.append(err.value.to_dict())
    assert said[0] == said[1] and said[0]["code"] == "E502"


def test_password_is_hashed_with_argon2_and_verifies(accounts: Accounts, tmp_path: Path) -> None:
    accounts.add_user("anna@example.se", org="O", role="admin", password=PASSWORD)
    hashed = accounts.password_hash("anna@example.se")
    assert hashed is not None and hashed != PASSWORD and hashed.startswith("$argon2id$")
    assert PASSWORD.encode() not in _kept(accounts, tmp_path)
    assert accounts.check_password("anna@example.se", PASSWORD) == accounts.user("anna@example.se")
    assert accounts.check_password("anna@example.se", PASSWORD + "!") is None
    assert accounts.check_password("nobody@example.se", PASSWORD) is None


@pytest.mark.real_password_hashing
def test_passwords_are_hashed_at_argon2s_recommended_cost(accounts: Accounts) -> None:
    # The other tests hash at argon2's smallest cost (tests/conftest.py); the service keeps argon2-cffi's
    # default, RFC 9106's low-memory profile (argon2id, 3 passes over 64 MiB, 4 lanes).
    accounts.add_user("anna@example.se", org="O", role="admin", password=PASSWORD)
    hashed = accounts.password_hash("anna@example.se")
    assert hashed is not None and extract_parameters(hashed) == profiles.RFC_9106_LOW_MEMORY
    assert accounts.check_password("anna@example.se", PASSWORD) == accounts.user("anna@example.se")
    assert accounts.check_password("anna@example.se", PASSWORD + "!") is None


def test_the_tests_hash_at_argon2s_smallest_cost(accounts: Accounts) -> None:
    accounts.add_user("anna@example.se", org="O", role="admin", password=PASSWORD)
    hashed = accounts.password_hash("anna@example.se")
    assert hashed is not None and extract_parameters(hashed).memory_cost == 8


def test_a_user_without_a_password_cannot_sign_in(accounts: Accounts) -> None:
    accounts.add_user("api@example.se", org="O", role="recruiter")
    assert accounts.check_password("api@example.se", "") is None
    assert accounts.check_password("api@example.se", "anything") is None


def test_tokens_are_stored_only_as_hashes(accounts: Accounts, tmp_path: Path) -> None:
    accounts.add_user("anna@example.se", org="O", role="admin")
    new = accounts.issue_token("anna@example.se", name="ATS")
    assert new.token.startswith("kmp_") and len(new.token) > 40
    assert new.token.encode() not in _kept(accounts, tmp_path)
    assert new.token.removeprefix("kmp_").encode() not in _kept(accounts, tmp_path)
    assert new.token.removeprefix("kmp_")[:20] not in stored_text(accounts.store)
    assert accounts.user_for_token(new.token) == accounts.user("anna@example.se")
    (info,) = accounts.tokens("anna@example.se")
    assert info.name == "ATS" and info.created and info.revoked is None


def test_revoked_token_stops_working(accounts: Accounts) -> None:
    accounts.add_user("anna@example.se", org="O", role="admin")
    one, two = (accounts.issue_token("anna@example.se") for _ in range(2))
    assert accounts.revoke_token("anna@example.se", one.id) == 1
    assert accounts.user_for_token(one.token) is None and accounts.user_for_token(two.token) is not None
    assert accounts.revoke_token("anna@example.se", one.id) == 0
    assert accounts.revoke_token("anna@example.se") == 1
    assert accounts.user_for_token(two.token) is None


def test_removing_a_user_removes_their_tokens_and_sessions(accounts: Accounts) -> None:
    user = accounts.add_user("anna@example.se", org="O", role="admin")
    token = accounts.issue_token("anna@example.se").token
    sid = accounts.open_session(user)
    assert accounts.user_for_session(sid) == user
    accounts.remove_user("anna@example.se")
    assert accounts.user_for_token(token) is None and accounts.user_for_session(sid) is None
    assert not accounts.has_users()


def test_the_only_admin_stays_while_the_organisation_has_other_users(accounts: Accounts) -> None:
    """An admin removed themselves and left a recruiter and a hiring manager with nobody to set the
    retention period or read the event log (hunt hH, finding 12); ``set_role`` already refused this."""
    accounts.add_user("admin@fiktiv.example", org="O", role="admin")
    accounts.add_user("rec@fiktiv.example", org="O", role="recruiter")
    with pytest.raises(KompetensError) as err:
        accounts.remove_user("admin@fiktiv.example")
    assert err.value.code == Code.E504 and err.value.field == "email"
    assert [u.email for u in accounts.users(org="O")] == ["admin@fiktiv.example", "rec@fiktiv.example"]
    accounts.add_user("admin2@fiktiv.example", org="O", role="admin")
    assert accounts.remove_user("admin@fiktiv.example").email == "admin@fiktiv.example"
    with pytest.raises(KompetensError):
        accounts.remove_user("admin2@fiktiv.example")
    accounts.remove_user("rec@fiktiv.example")
    accounts.remove_user("admin2@fiktiv.example")  # the last user of all may go
    assert not accounts.has_users()


def test_sessions_are_stored_hashed_and_close(accounts: Accounts, tmp_path: Path) -> None:
    user = accounts.add_user("anna@example.se", org="O", role="admin")
    sid = accounts.open_session(user)
    assert sid.encode() not in _kept(accounts, tmp_path)
    accounts.close_session(sid)
    assert accounts.user_for_session(sid) is None


def test_database_files_are_private(tmp_path: Path) -> None:
    engine = Engine(tmp_path / "data")
    engine.accounts.add_user("anna@example.se", org="O", role="admin")
    engine.store.put(key="cv.txt", kind="cv", data={})
    files = sorted((tmp_path / "data").glob("kompetens.sqlite*"))
    assert files, "the store exists"
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_an_existing_world_readable_database_is_made_private(tmp_path: Path) -> None:
    db = tmp_path / "kompetens.sqlite"
    Store(db).close()
    db.chmod(0o644)
    Store(db).close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_asking_for_users_creates_no_file(tmp_path: Path) -> None:
    assert not Engine(tmp_path).has_users()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("password", ["a", "1234567"])
def test_a_password_is_at_least_eight_characters(accounts: Accounts, password: str) -> None:
    with pytest.raises(KompetensError, match="at least 8 characters") as short:
        accounts.add_user("kort@example.se", org="O", role="admin", password=password)
    assert short.value.code == Code.E301
    accounts.add_user("kort@example.se", org="O", role="admin", password="12345678")
    with pytest.raises(KompetensError, match="at least 8 characters"):
        accounts.set_password("kort@example.se", password)


def _events(accounts: Accounts) -> list[tuple[str, int | None, str | None]]:
    with accounts.store.transaction() as tx:
        return [tuple(r) for r in tx.execute("SELECT event, user_id, object_id FROM events ORDER BY id")]


def test_an_api_only_user_gets_a_password_keeping_their_number_and_tokens(accounts: Accounts) -> None:
    admin = accounts.add_user("anna@example.se", org="O", role="admin", password=PASSWORD)
    bo = accounts.add_user("bo@example.se", org="O", role="recruiter")  # API only
    token = accounts.issue_token("bo@example.se").token
    assert accounts.check_password("bo@example.se", PASSWORD) is None
    assert accounts.set_password("bo@example.se", PASSWORD, by=admin.id) == bo
    assert accounts.check_password("bo@example.se", PASSWORD) == bo
    assert accounts.user_for_token(token) == bo
    hashed = accounts.password_hash("bo@example.se")
    assert hashed is not None and hashed.startswith("$argon2id$")
    assert ("user.password", admin.id, str(bo.id)) in _events(accounts)


def test_a_password_reset_ends_the_users_web_sessions(accounts: Accounts) -> None:
    bo = accounts.add_user("bo@example.se", org="O", role="recruiter", password=PASSWORD)
    sid = accounts.open_session(bo)
    accounts.set_password("bo@example.se", "a brand new password")
    assert accounts.user_for_session(sid) is None
    assert accounts.check_password("bo@example.se", PASSWORD) is None


def test_a_role_changes_in_place_but_the_last_admin_keeps_theirs(accounts: Accounts) -> None:
    anna = accounts.add_user("anna@example.se", org="O", role="admin")
    bo = accounts.add_user("bo@example.se", org="O", role="recruiter")
    accounts.add_user("cia@annat.se", org="Annat AB", role="admin")
    sid = accounts.open_session(bo)
    changed = accounts.set_role("bo@example.se", "hiring_manager", by=anna.id)
    assert (changed.id, changed.role) == (bo.id, "hiring_manager")
    assert accounts.user_for_session(sid) == changed  # signed in still, with the new rights
    with pytest.raises(KompetensError) as unknown:
        accounts.set_role("bo@example.se", "boss")
    assert unknown.value.code == Code.E500
    with pytest.raises(KompetensError) as last:  # another organisation's admin does not count
        accounts.set_role("anna@example.se", "recruiter")
    assert last.value.code == Code.E504 and accounts.user("anna@example.se").role == "admin"
    accounts.set_role("bo@example.se", "admin", by=anna.id)
    assert accounts.set_role("anna@example.se", "recruiter").role == "recruiter"
    assert [e for e in _events(accounts) if e[0] == "user.role"] == [
        ("user.role", anna.id, str(bo.id)),
        ("user.role", anna.id, str(bo.id)),
        ("user.role", None, str(anna.id)),
    ]


def test_tokens_show_when_they_were_last_used(accounts: Accounts) -> None:
    accounts.add_user("anna@example.se", org="O", role="admin")
    used, unused = accounts.issue_token("anna@example.se"), accounts.issue_token("anna@example.se")
    accounts.user_for_token(used.token)
    listed = {t.id: t for t in accounts.tokens("anna@example.se")}
    assert listed[used.id].last_used is not None and listed[unused.id].last_used is None
    assert used.token not in str(listed)
