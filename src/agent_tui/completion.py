"""Shell completion scripts for bash, zsh and fish, made from the command-line parser itself
so they never fall behind it: `agent-tui completion bash > ~/.local/share/bash-completion/
completions/agent-tui`."""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its subcommands here
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return sorted(opt for action in parser._actions for opt in action.option_strings)


def _choices(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    return {
        opt: [str(choice) for choice in action.choices]
        for action in parser._actions
        if action.choices and action.option_strings
        for opt in action.option_strings
    }


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    commands = _commands(parser)
    top = _options(parser)
    if shell == "bash":
        cases = "\n".join(
            f'        {name}) words="{" ".join(_options(sub))}" ;;'
            for name, sub in commands.items()
        )
        values = "\n".join(
            f'        {opt}) COMPREPLY=($(compgen -W "{" ".join(choices)}" -- "$cur")); return ;;'
            for sub in commands.values()
            for opt, choices in _choices(sub).items()
        )
        return f"""# bash completion for agent-tui (made by `agent-tui completion bash`)
_agent_tui() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} command="" word
    for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
        case "$word" in {"|".join(commands)}) command=$word; break ;; esac
    done
    case "$prev" in
{values}
        -C|--plugin-dir|-o) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    esac
    local words="{" ".join(commands)} {" ".join(top)}"
    case "$command" in
{cases}
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _agent_tui agent-tui
"""
    if shell == "zsh":
        return (
            "#compdef agent-tui\n# zsh completion for agent-tui (made by `agent-tui completion"
            " zsh`)\nautoload -U bashcompinit && bashcompinit\n" + script(parser, "bash")
        )
    lines = ["# fish completion for agent-tui (made by `agent-tui completion fish`)",
             "complete -c agent-tui -f"]  # fmt: skip
    for name, sub in commands.items():
        about = _quote(sub.description or name)
        lines.append(f"complete -c agent-tui -n __fish_use_subcommand -a {name} -d {about}")
        for opt in _options(sub):
            flag = f"-l {opt[2:]}" if opt.startswith("--") else f"-s {opt[1:]}"
            lines.append(f"complete -c agent-tui -n '__fish_seen_subcommand_from {name}' {flag}")
    for opt in top:
        flag = f"-l {opt[2:]}" if opt.startswith("--") else f"-s {opt[1:]}"
        lines.append(f"complete -c agent-tui {flag}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "\\'") + "'"
