"""Event-typing evaluation: the arithmetic on tiny written files, and floors on the real ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import need_shared

from trucewatch.errors import InputError
from trucewatch.extract.evaluate import (
    CASE_LABELS,
    CASE_NON_CONFLICT,
    evaluate_acled_types,
    evaluate_case,
)
from trucewatch.extract.events import NON_CONFLICT

# Sentences written for these tests, with what the typing gives each.
AIR = "Warplanes struck a market in the town."  # AIR_STRIKE
ROBBERY = "Thieves robbed a jewellery shop downtown."  # ORG_CRIME
QUAKE = "An earthquake of magnitude 6 struck the coast."  # NATURAL_DISASTER
NOTHING = "The weather was fine on the day of the vote."  # no label
DRONE = "A drone hit a car on the highway."  # Air/drone strike

# Floors: measured on these slices when the evaluation was written, less two points, so a
# regression fails and a small change of cues does not.
CASE_ROWS, ACLED_ROWS = 300, 600
# Measured: CASE accuracy 78.3, conflict 76.0, macro F1 74.8, weighted F1 78.2; ACLED found
# 96.5, event type 88.0, sub-event type 84.5.
CASE_FLOOR = {"accuracy": 0.76, "accuracy_conflict": 0.74, "macro_f1": 0.72, "weighted_f1": 0.76}
ACLED_FLOOR = {"found": 0.94, "event_type": 0.86, "sub_event_type": 0.82}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_every_case_label_maps_to_an_acled_type_or_a_non_conflict_kind() -> None:
    assert len(CASE_LABELS) == 30
    assert sum(sub is None for sub in CASE_LABELS.values()) == 5
    assert set(CASE_NON_CONFLICT) == set(NON_CONFLICT)
    assert set(CASE_NON_CONFLICT.values()) == {k for k, v in CASE_LABELS.items() if v is None}


def test_case_metrics_are_computed_as_defined(tmp_path: Path) -> None:
    tsv = write(
        tmp_path / "case.tsv",
        "id\tEventSnippet\tSubType\n"
        f"1\t{AIR}\tAIR_STRIKE\n"
        f"2\t{ROBBERY}\tORG_CRIME\n"
        f"3\t{QUAKE}\tDIPLO\n"
        f"4\t{NOTHING}\tARMED_CLASH\n",
    )
    got = evaluate_case(tsv)
    # A quake for diplomacy is right for accuracy (neither is a conflict event), wrong for F1.
    assert got["n"] == 4
    assert got["accuracy"] == pytest.approx(3 / 4)
    assert got["accuracy_conflict"] == pytest.approx(1 / 2)
    # F1 per gold label: AIR_STRIKE 1, ORG_CRIME 1, DIPLO 0, ARMED_CLASH 0; one row each.
    assert got["macro_f1"] == pytest.approx(1 / 2)
    assert got["weighted_f1"] == pytest.approx(1 / 2)
    assert got["confusion"] == {
        "AIR_STRIKE": {"AIR_STRIKE": 1},
        "ORG_CRIME": {"ORG_CRIME": 1},
        "DIPLO": {"NATURAL_DISASTER": 1},
        "ARMED_CLASH": {"NONE": 1},
    }


def test_case_weighted_f1_weighs_labels_by_their_rows(tmp_path: Path) -> None:
    tsv = write(
        tmp_path / "case.tsv",
        "id\tEventSnippet\tSubType\n"
        f"1\t{AIR}\tAIR_STRIKE\n"
        f"2\t{DRONE}\tAIR_STRIKE\n"
        f"3\t{AIR}\tART_MISS_ATTACK\n",
    )
    got = evaluate_case(tsv)
    # AIR_STRIKE: precision 2/3, recall 1, F1 0.8 on two rows; ART_MISS_ATTACK: F1 0.
    assert got["macro_f1"] == pytest.approx(0.4)
    assert got["weighted_f1"] == pytest.approx(0.8 * 2 / 3)
    assert evaluate_case(tsv, limit=2)["accuracy"] == 1.0


def test_acled_metrics_are_computed_as_defined(tmp_path: Path) -> None:
    csv_file = write(
        tmp_path / "acled.csv",
        "event_date,event_type,sub_event_type,notes\n"
        f'1-May-20,Explosions/Remote violence,Air/drone strike,"{AIR}"\n'
        f'1-May-20,Explosions/Remote violence,Shelling/artillery/missile attack,"{DRONE}"\n'
        f'2-May-20,Battles,Armed clash,"{NOTHING}"\n',
    )
    got = evaluate_acled_types(csv_file)
    assert got == {
        "n": 3,
        "found": pytest.approx(2 / 3),
        "event_type": pytest.approx(2 / 3),
        "sub_event_type": pytest.approx(1 / 3),
    }


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.tsv: cannot be read"):
        evaluate_case(tmp_path / "nowhere.tsv")


def test_a_missing_column_is_reported_at_line_1(tmp_path: Path) -> None:
    tsv = write(tmp_path / "case.tsv", f"id\tText\tSubType\n1\t{AIR}\tAIR_STRIKE\n")
    with pytest.raises(InputError, match=r"case\.tsv:1: expected columns EventSnippet, SubType; "):
        evaluate_case(tsv)


def test_an_unknown_label_is_reported_at_its_line(tmp_path: Path) -> None:
    tsv = write(
        tmp_path / "case.tsv",
        f"id\tEventSnippet\tSubType\n1\t{AIR}\tAIR_STRIKE\n2\t{AIR}\tAIRSTRIKE\n",
    )
    with pytest.raises(InputError, match=r"case\.tsv:3: unknown label 'AIRSTRIKE'"):
        evaluate_case(tsv)


def test_a_short_row_is_reported_at_its_line(tmp_path: Path) -> None:
    csv_file = write(
        tmp_path / "acled.csv",
        f'event_type,sub_event_type,notes\nBattles,Armed clash,"{NOTHING}"\nBattles\n',
    )
    with pytest.raises(InputError, match=r"acled\.csv:3: expected 3 fields, found fewer"):
        evaluate_acled_types(csv_file)


def test_an_unknown_sub_event_type_is_reported_at_its_line(tmp_path: Path) -> None:
    csv_file = write(
        tmp_path / "acled.csv", f'event_type,sub_event_type,notes\nBattles,Clash,"{NOTHING}"\n'
    )
    with pytest.raises(InputError, match=r"acled\.csv:2: unknown sub_event_type 'Clash'"):
        evaluate_acled_types(csv_file)


def test_an_empty_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"empty\.tsv:1: .*found an empty file"):
        evaluate_case(write(tmp_path / "empty.tsv", ""))


def test_case_2021_slice_stays_above_its_floor() -> None:
    path = need_shared("data", "case2021", "task2-test-with-labels.tsv")
    got = evaluate_case(path, limit=CASE_ROWS)
    assert got["n"] == CASE_ROWS
    for metric, floor in CASE_FLOOR.items():
        assert got[metric] >= floor, (metric, got[metric])


def test_acled_notes_slice_stays_above_its_floor() -> None:
    path = need_shared("data", "acled", "acled-2020-04-27_2020-05-09-except-syria.csv")
    got = evaluate_acled_types(path, limit=ACLED_ROWS)
    assert got["n"] == ACLED_ROWS
    for metric, floor in ACLED_FLOOR.items():
        assert got[metric] >= floor, (metric, got[metric])


def test_eval_case_command_prints_the_scores_and_a_confusion_table(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from trucewatch.cli import app

    tsv = tmp_path / "case.tsv"
    tsv.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tWarplanes struck the market, killing nine.\tAIR_STRIKE\n"
        "2\tAn earthquake shook the coast.\tNATURAL_DISASTER\n"
    )
    runner = CliRunner()
    as_json = runner.invoke(app, ["eval", "case", str(tsv), "--json"])
    assert as_json.exit_code == 0, as_json.output
    scores = json.loads(as_json.stdout)
    assert scores["n"] == 2 and scores["accuracy"] == 1.0
    text = runner.invoke(app, ["eval", "case", str(tsv)])
    assert "weighted_f1" in text.stdout and "AIR_STRIKE" in text.stdout
    missing = runner.invoke(app, ["eval", "case", str(tmp_path / "nope.tsv")])
    assert (
        missing.exit_code == 1 and "Error:" in missing.stderr and "Traceback" not in missing.output
    )
