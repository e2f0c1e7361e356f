"""What every inbound provider payload must satisfy before anything of it is stored.

A correctly signed body is still untrusted input: the providers may change their format, and a
leaked secret lets anyone sign. PostgreSQL refuses NUL characters and lone surrogates in text and
JSON, NaN/Infinity in JSON, and integers beyond 64 bits; such input is answered as malformed
(4xx) instead of failing in the database (500).
"""

from __future__ import annotations

MAX_NESTING = 32
BIGINT_MAX = 2**63 - 1


class UnstorablePayload(ValueError):
    pass


def unstorable_text(text: str) -> str:
    """Why `text` cannot be stored as is ("" when it can)."""
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate"
    return ""


def check_storable(payload) -> None:
    """Raise UnstorablePayload unless `payload` (parsed JSON) can be stored in a JSON column.

    Iterative, so a deeply nested body cannot exhaust the stack.
    """
    pending = [(payload, 0)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_NESTING:
            raise UnstorablePayload(f"nested deeper than {MAX_NESTING} levels")
        if isinstance(value, str):
            if reason := unstorable_text(value):
                raise UnstorablePayload(reason)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value) > BIGINT_MAX:
                raise UnstorablePayload("integer out of range")
        elif isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise UnstorablePayload("not a finite number")
        elif isinstance(value, dict):
            for key, item in value.items():
                if reason := unstorable_text(str(key)):
                    raise UnstorablePayload(f"key {reason}")
                pending.append((item, depth + 1))
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
        else:
            raise UnstorablePayload(f"unexpected {type(value).__name__}")


def reject_constant(name: str):
    """json.loads(parse_constant=…): NaN and Infinity are not JSON, however Python's parser allows them."""
    raise UnstorablePayload(f"{name} is not a number")


def printable(text: str) -> str:
    """`text` with what a database refuses replaced, for storing the evidence of a refused payload."""
    text = text.replace("\x00", "\ufffd")
    return text.encode("utf-8", "replace").decode("utf-8")
