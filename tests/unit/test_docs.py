"""The README documents every command and option the CLI has (so docs cannot drift)."""

from pathlib import Path

from storylens.cli import main

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_the_readme():
    for name, command in main.commands.items():
        assert f"storylens {name}" in README, f"README does not document `storylens {name}`"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in README, f"README does not document {opt} of `storylens {name}`"


def test_readme_states_the_two_setup_commands():
    assert "make demo" in README and "make test" in README
