"""One settings object: every threshold, window, weight and batch size the stages use.

Each stage keeps its section as a frozen dataclass next to its code (the defaults are
there, with why they are what they are); ``Settings`` holds one of each. Values come
from, each overriding the one before:

1. the defaults;
2. a TOML file: ``--config FILE`` or ``$STORYLENS_CONFIG`` (``[cluster]`` /
   ``threshold = 0.2``);
3. environment variables ``STORYLENS_<SECTION>__<NAME>`` (``STORYLENS_CLUSTER__THRESHOLD=0.2``);
4. command-line flags: ``--set cluster.threshold=0.2`` (any setting) and the flags of
   single settings (``--processes``, ``--dask``).

``storylens config`` prints the effective settings and where each value came from.
Every setting is documented in ``docs/settings.md`` (a test checks it).
"""

from __future__ import annotations

import os
import re
import tomllib
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .clean.dates import CleanConfig
from .cluster.batch import BatchConfig
from .compare.settings import CompareSettings
from .dedupe.copies import DedupeSettings
from .errors import StorylensError
from .extract.settings import ExtractSettings
from .fetch.settings import FetchSettings
from .web.settings import WebSettings

__all__ = ["PipelineSettings", "Settings", "LoadedSettings", "SettingsError", "load_settings", "describe", "format_value",
           "parse_duration", "ENV_PREFIX", "CONFIG_ENV"]

ENV_PREFIX = "STORYLENS_"
CONFIG_ENV = "STORYLENS_CONFIG"


class SettingsError(StorylensError):
    """A setting that does not exist or whose value is not of its type."""


@dataclass(frozen=True)
class PipelineSettings:
    """How the per-article stages are run. ``chunk_size``: raw documents handed to a
    worker at a time, also ``ingest``'s commit unit (32 keeps workers busy and a crash
    loses at most one chunk). ``processes``: worker processes (``--processes``).
    ``dask``: a Dask cluster to run them on instead (``--dask``: ``local``, ``local:N``,
    ``tcp://host:port``; none: not at all). ``max_article_chars``: a cleaned text
    longer than this is skipped, not parsed (the NLP pass costs ~12 s and grows past
    1 GB of memory per 100,000 characters on one text; the longest news features run to
    ~60,000 characters)."""

    chunk_size: int = 32
    processes: int = 1
    dask: str | None = None
    max_article_chars: int = 100_000


@dataclass(frozen=True)
class Settings:
    """Every section; ``Settings()`` is the defaults."""

    pipeline: PipelineSettings = field(default_factory=PipelineSettings)
    clean: CleanConfig = field(default_factory=CleanConfig)
    dedupe: DedupeSettings = field(default_factory=DedupeSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    cluster: BatchConfig = field(default_factory=BatchConfig)
    compare: CompareSettings = field(default_factory=CompareSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    web: WebSettings = field(default_factory=WebSettings)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([dhms])\s*$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


def parse_duration(text: str) -> timedelta | None:
    """``7d``, ``36h``, ``15m``, ``30s`` (or ``1.5h``) as a timedelta; None if not one."""
    found = _DURATION.match(text)
    return timedelta(**{_UNITS[found.group(2)]: float(found.group(1))}) if found else None


def format_value(value: Any) -> str:
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
        for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
            if seconds % size == 0:
                return f"{int(seconds // size)}{unit}"
        return f"{seconds:g}s"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    return str(value)


def _coerce(name: str, kind: Any, value: Any, origin: str) -> Any:
    """``value`` (from TOML, or a string from the environment or a flag) as ``kind``."""
    def bad(expected: str) -> SettingsError:
        return SettingsError(f"setting {name} from {origin}: {value!r} is not {expected}")

    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        if value is None or (isinstance(value, str) and value.strip().lower() in ("none", "")):
            return None
        return _coerce(name, options[0], value, origin)
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "on"):
            return True
        if text in ("false", "0", "no", "off"):
            return False
        raise bad("true or false")
    if kind is int:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise bad("a whole number")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad("a whole number") from None
    if kind is float:
        if isinstance(value, bool):
            raise bad("a number")
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad("a number") from None
    if kind is timedelta:
        if isinstance(value, timedelta):
            return value
        duration = parse_duration(str(value))
        if duration is None:
            raise bad("a duration such as 7d, 36h, 15m or 30s")
        return duration
    if kind is date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise bad("a date such as 1980-01-01") from None
    if kind is str:
        return str(value)
    raise SettingsError(f"setting {name} has a type Storylens cannot read ({kind}) (a Storylens bug)")


def _section_types(section: Any) -> dict[str, Any]:
    return typing.get_type_hints(type(section))


@dataclass(frozen=True)
class LoadedSettings:
    """Effective settings and, per ``section.name``, where the value came from."""

    settings: Settings
    origins: Mapping[str, str]


def load_settings(config_file: Path | str | None = None, *, environ: Mapping[str, str] | None = None,
                  overrides: Mapping[str, Any] | None = None, override_origin: str = "command line") -> LoadedSettings:
    """Defaults < ``config_file`` (or ``$STORYLENS_CONFIG``) < environment < ``overrides``
    (``{"section.name": value}``). Raises SettingsError naming the setting and the source."""
    environ = os.environ if environ is None else environ
    values: dict[str, dict[str, Any]] = {}
    origins: dict[str, str] = {}
    defaults = Settings()
    known = {f.name: _section_types(getattr(defaults, f.name)) for f in fields(Settings)}

    def put(section: str, name: str, value: Any, origin: str) -> None:
        key = f"{section}.{name}"
        if section not in known:
            raise SettingsError(f"{origin}: there is no settings section {section!r} "
                                f"(sections: {', '.join(known)})")
        if name not in known[section]:
            raise SettingsError(f"{origin}: there is no setting {key} "
                                f"(the {section} settings are: {', '.join(known[section])})")
        values.setdefault(section, {})[name] = _coerce(key, known[section][name], value, origin)
        origins[key] = origin

    path = config_file or environ.get(CONFIG_ENV)
    if path:
        for section, name, value in _read_toml(Path(path)):
            put(section, name, value, f"file {path}")
    for var, value in sorted(environ.items()):
        if var.startswith(ENV_PREFIX) and "__" in var:
            section, _, name = var[len(ENV_PREFIX):].lower().partition("__")
            put(section, name, value, f"environment {var}")
    for key, value in (overrides or {}).items():
        section, dot, name = key.partition(".")
        if not dot:
            raise SettingsError(f"{override_origin}: {key!r} should be SECTION.NAME, e.g. cluster.threshold")
        put(section, name, value, override_origin)
    sections = {s: replace(getattr(defaults, s), **v) for s, v in values.items()}
    return LoadedSettings(replace(defaults, **sections), origins)


def _read_toml(path: Path) -> Iterator[tuple[str, str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"the settings file {path} is not valid TOML: {exc}") from exc
    for section, table in data.items():
        if not isinstance(table, dict):
            raise SettingsError(f"{path}: {section} should be a [section] table of settings, not a single value")
        for name, value in table.items():
            yield section, name, value


def describe(loaded: LoadedSettings) -> list[tuple[str, str, str]]:
    """``(section.name, value, origin)`` for every setting, in declaration order."""
    rows = []
    for section in fields(Settings):
        values = getattr(loaded.settings, section.name)
        assert is_dataclass(values)
        for f in fields(values):
            key = f"{section.name}.{f.name}"
            rows.append((key, format_value(getattr(values, f.name)), loaded.origins.get(key, "default")))
    return rows
