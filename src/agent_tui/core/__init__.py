"""The domain: agent files, frontmatter edits, memory, the budget, lint rules, discovery.

Nothing here imports textual, rich or git; a test holds that line.
"""
