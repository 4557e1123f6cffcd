"""`kompetens restore` (store/restore.py): a backup is checked against its manifest before anything is copied,
copied private into a data folder that holds no user data, and what was withdrawn after it was taken (erased
candidates, removed users, revoked tokens) is withdrawn again from a kept copy of the event log (hunt hO3: an
administrator after a disk failure found the erased candidate back, a removed recruiter's token working, and
a damaged backup used without a word)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from click.testing import CliRunner

from kompetens.cli import cli
from kompetens.engine import Engine
from kompetens.errors import Code, KompetensError
from kompetens.store.backup import MANIFEST, backup


def _home_with_a_backup(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A data folder with an admin, a recruiter (each with a token) and two candidates, backed up; then,
    after the backup, one candidate erased, the recruiter removed and the admin's tokens revoked."""
    home, dest = tmp_path / "home", tmp_path / "backup"
    engine = Engine(home)
    engine.accounts.add_user("admin@example.se", org="Fiktiva AB", role="admin", password="ett långt lösen")
    engine.accounts.add_user("rekryt@example.se", org="Fiktiva AB", role="recruiter")
    first = engine.accounts.issue_token("admin@example.se")
    tokens = {
        "admin": first.token,
        "admin, kept": engine.accounts.issue_token("admin@example.se").token,
        "recruiter": engine.accounts.issue_token("rekryt@example.se").token,
    }
    org = engine.org_for(name="Fiktiva AB")
    for cid in ("kept", "erased"):
        engine.records.add_candidate(org, cid, name=f"{cid}.txt", data=cid.encode(), lang="sv", profile={})
    backup(home, dest)
    engine.erase_candidate(org, "erased")
    engine.accounts.remove_user("rekryt@example.se")
    engine.accounts.revoke_token("admin@example.se", first.id)  # one of the admin's two tokens
    engine.store.close()
    return home, dest, tokens


def test_restore_copies_privately_and_withdraws_again_what_was_withdrawn_after_the_backup(
    tmp_path: Path,
) -> None:
    home, dest, tokens = _home_with_a_backup(tmp_path)
    runner = CliRunner()
    log = tmp_path / "offsite" / "events.json"
    log.parent.mkdir()
    out = runner.invoke(cli, ["events", "--json"], env={"KOMPETENS_HOME": str(home)})
    assert out.exit_code == 0, out.output
    log.write_text(out.stdout, encoding="utf-8")  # the copy kept off the data folder's disk
    new = tmp_path / "new-disk"
    env = {"KOMPETENS_HOME": str(new)}

    # without --replay: restored, and it says that the withdrawn are back
    plain = tmp_path / "plain"
    out = runner.invoke(cli, ["restore", str(dest)], env={"KOMPETENS_HOME": str(plain)})
    assert out.exit_code == 0, out.output
    assert "are back" in out.stderr and "--replay" in out.stderr
    assert sorted(
        c.id for c in Engine(plain).records.candidates(Engine(plain).org_for(name="Fiktiva AB"))
    ) == [
        "erased",
        "kept",
    ]

    out = runner.invoke(cli, ["restore", str(dest), "--replay", str(log), "--json"], env=env)
    assert out.exit_code == 0, out.output
    done = json.loads(out.stdout)
    assert done["erased"] == ["erased"] and len(done["users_removed"]) == 1 and done["tokens_revoked"] == 1
    engine = Engine(new)
    org = engine.org_for(name="Fiktiva AB")
    assert [c.id for c in engine.records.candidates(org)] == ["kept"]
    assert (
        not (new / "files" / str(org) / "erased").exists() and (new / "files" / str(org) / "kept").is_file()
    )
    assert [u.email for u in engine.accounts.users()] == ["admin@example.se"]
    assert engine.accounts.user_for_token(tokens["recruiter"]) is None
    assert engine.accounts.user_for_token(tokens["admin"]) is None
    assert engine.accounts.user_for_token(tokens["admin, kept"]) is not None  # revoked after: no; kept: yes
    assert engine.accounts.check_password("admin@example.se", "ett långt lösen") is not None
    assert not (new / MANIFEST).exists()
    for path in [new / "files", *(new / "files").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    assert stat.S_IMODE((new / "kompetens.sqlite").stat().st_mode) == 0o600


def test_a_damaged_or_half_copied_backup_is_not_restored(tmp_path: Path) -> None:
    _, dest, _ = _home_with_a_backup(tmp_path)
    runner = CliRunner()
    target = tmp_path / "new-disk"
    env = {"KOMPETENS_HOME": str(target)}
    assert runner.invoke(cli, ["restore", str(dest), "--check"], env=env).exit_code == 0

    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for name in ("kompetens.sqlite", MANIFEST):
        (damaged / name).write_bytes((dest / name).read_bytes())
    (damaged / "files").mkdir()
    for path in (dest / "files").rglob("*"):
        copy = damaged / path.relative_to(dest)
        copy.mkdir() if path.is_dir() else copy.write_bytes(path.read_bytes())
    data = bytearray((damaged / "kompetens.sqlite").read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = b"\xff" * 64
    (damaged / "kompetens.sqlite").write_bytes(bytes(data))
    out = runner.invoke(cli, ["restore", str(damaged), "--check"], env=env)
    assert out.exit_code == 1 and "kompetens.sqlite" in out.stderr
    out = runner.invoke(cli, ["restore", str(damaged)], env=env)
    assert isinstance(out.exception, KompetensError) and out.exception.code == Code.E400
    assert "damaged" in out.exception.message and not target.exists()

    half = dest  # a CV file lost from the copy
    (cv,) = [p for p in (half / "files").rglob("kept")]
    cv.unlink()
    out = runner.invoke(cli, ["restore", str(half)], env=env)
    assert isinstance(out.exception, KompetensError) and out.exception.code == Code.E400
    assert "files/" in out.exception.message and "kept: missing" in out.exception.message
    (half / MANIFEST).unlink()  # a copy that stopped before its manifest
    out = runner.invoke(cli, ["restore", str(half)], env=env)
    assert isinstance(out.exception, KompetensError) and "no manifest.json" in out.exception.message
    assert not target.exists()


def test_restore_overwrites_no_data_folder_in_use(tmp_path: Path) -> None:
    home, dest, _ = _home_with_a_backup(tmp_path)
    out = CliRunner().invoke(cli, ["restore", str(dest)], env={"KOMPETENS_HOME": str(home)})
    assert isinstance(out.exception, KompetensError) and out.exception.code == Code.E304
    assert "move them aside" in out.exception.message
