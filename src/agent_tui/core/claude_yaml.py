"""YAML frontmatter read exactly as Claude Code reads it.

Claude Code (Bun's YAML reader, YAML 1.2 core schema) first parses the frontmatter as written.
When that fails it retries once after wrapping risky one-line plain values in double quotes
and turning leading tabs into spaces. That retry is why `description: Use it when: (1) ...`
loads although strict YAML rejects it, and why the same line with CRLF endings does not
(its pattern cannot match a line that ends in a carriage return).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # the C parser is several times faster; the resolvers stay ours either way
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader


class CoreSchemaLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader with YAML 1.2 core-schema scalars (`yes` is a string, `0o17` an int)."""


CoreSchemaLoader.yaml_implicit_resolvers = {}
_RESOLVERS: list[tuple[str, str, str]] = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]
for _tag, _pattern, _first in _RESOLVERS:
    CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _construct_core_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    value = str(loader.construct_scalar(node))
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-")
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    return sign * int(digits, 10)


def _construct_core_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    value = str(loader.construct_scalar(node)).lower()
    if value.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    if value.endswith(".nan"):
        return float("nan")
    return float(value)


def _construct_core_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    # JavaScript turns a mapping used as a key into a string rather than failing, so
    # `description: {{PLACEHOLDER}}` reads as a mapping (not as a parse error) there too.
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (dict, list)):
            key = "[object Object]" if isinstance(key, dict) else ",".join(map(str, key))
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


CoreSchemaLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
CoreSchemaLoader.add_constructor("tag:yaml.org,2002:int", _construct_core_int)
CoreSchemaLoader.add_constructor("tag:yaml.org,2002:float", _construct_core_float)
CoreSchemaLoader.add_constructor("tag:yaml.org,2002:bool", _construct_core_bool)
# Timestamps are plain strings in YAML 1.2; keep `2024-01-01` as written.
CoreSchemaLoader.add_constructor("tag:yaml.org,2002:timestamp", CoreSchemaLoader.construct_yaml_str)


def _construct_local_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    # An unknown `!tag` is kept as the plain value it decorates, as Claude Code's reader does.
    if isinstance(node, yaml.MappingNode):
        return _construct_mapping(loader, node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


CoreSchemaLoader.add_multi_constructor("!", _construct_local_tag)


class YamlError(Exception):
    """Strict YAML rejected the text; `line` is 1-based within the parsed text when known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


_EMPTY_KEY = re.compile(r"^:(?=[ \t\r]|$)", re.MULTILINE)


def _unindented_quoted_line(text: str) -> int | None:
    """A quoted value continued on a line at column 0: libyaml allows it, Claude Code does not."""
    try:
        root = yaml.compose(text, Loader=CoreSchemaLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    lines = text.split("\n")
    for _key, value in root.value:
        if isinstance(value, yaml.ScalarNode) and value.style in ('"', "'"):
            for index in range(value.start_mark.line + 1, value.end_mark.line + 1):
                line = lines[index] if index < len(lines) else ""
                if line.strip() and not line[0].isspace():
                    return index + 1
    return None


# YAML 1.2 (Claude Code's reader) breaks lines at \n and \r only; PyYAML also breaks at NEL,
# U+2028 and U+2029. They travel through the parser as noncharacters and come back after.
_HIDE_BREAKS = str.maketrans({"\x85": "\ufdd0", "\u2028": "\ufdd1", "\u2029": "\ufdd2"})
_SHOW_BREAKS = str.maketrans({"\ufdd0": "\x85", "\ufdd1": "\u2028", "\ufdd2": "\u2029"})
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


def _show_breaks(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_SHOW_BREAKS)
    if isinstance(value, list):
        return [_show_breaks(item) for item in value]
    if isinstance(value, dict):
        return {_show_breaks(key): _show_breaks(item) for key, item in value.items()}
    return value


def load_strict(text: str) -> Any:
    """Parse YAML 1.2 core schema; raise YamlError with a short message and a line."""
    if _ODD_BREAKS.search(text):
        return _show_breaks(_load(text.translate(_HIDE_BREAKS)))
    return _load(text)


def _load(text: str) -> Any:
    # Claude Code's reader accepts a line with an empty key (`: value`); libyaml does not.
    text = _EMPTY_KEY.sub('"":', text)
    if ('"' in text or "'" in text) and (line := _unindented_quoted_line(text)) is not None:
        raise YamlError("a quoted value continues on a line that is not indented", line)
    try:
        return yaml.load(text, Loader=CoreSchemaLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return_line = mark.line + 1 if mark is not None else None
        raise YamlError(str(problem), return_line) from None
    except (ValueError, TypeError, RecursionError) as error:
        raise YamlError(str(error), None) from None


# Claude Code's retry: which one-line values it wraps in quotes.
_RETRY_LINE = re.compile(r"^([a-zA-Z_-]+):\s+(\S.*)$")
_RISKY_VALUE = re.compile(r"[{}\[\]*&#!|>%@`]|: ")
_LEADING_TABS = re.compile(r"^\t+", re.MULTILINE)


def _is_flow_list(value: str) -> bool:
    try:
        return isinstance(load_strict(value), list)
    except YamlError:
        return False


def quote_risky_values(text: str) -> str:
    """The text Claude Code parses on its second try (see module docstring)."""
    out: list[str] = []
    for line in text.split("\n"):
        match = _RETRY_LINE.match(line)
        # Python's `.` matches "\r" but JavaScript's does not: a CRLF line never matches there.
        if match is None or line.endswith("\r"):
            out.append(line)
            continue
        key, value = match.group(1), match.group(2)
        quoted = (value.startswith('"') and value.endswith('"')) or (
            value.startswith("'") and value.endswith("'")
        )
        if quoted or (value.startswith("[") and value.endswith("]") and _is_flow_list(value)):
            out.append(line)
        elif _RISKY_VALUE.search(value):
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'{key}: "{escaped}"')
        else:
            out.append(line)
    joined = "\n".join(out)
    return _LEADING_TABS.sub(lambda m: "  " * len(m.group(0)), joined)


@dataclass(frozen=True)
class ParsedYaml:
    """The outcome of reading frontmatter the way Claude Code does."""

    ok: bool
    value: Any = None
    error: str | None = None
    error_line: int | None = None  # 1-based line inside the frontmatter text
    needed_retry: bool = False  # strict YAML failed; Claude Code's quoting retry succeeded


def parse_like_claude(text: str) -> ParsedYaml:
    try:
        return ParsedYaml(ok=True, value=load_strict(text))
    except YamlError as strict_error:
        try:
            value = load_strict(quote_risky_values(text))
        except YamlError:
            return ParsedYaml(ok=False, error=str(strict_error), error_line=strict_error.line)
        return ParsedYaml(
            ok=True,
            value=value,
            error=str(strict_error),
            error_line=strict_error.line,
            needed_retry=True,
        )
