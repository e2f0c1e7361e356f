"""One shape for shop errors: a code (an enum) and a translated message looked up by it."""

from __future__ import annotations


class CodedError(Exception):
    """Subclasses set `messages` (code -> lazy translated text with %(name)s parameters)."""

    messages: dict = {}

    def __init__(self, code, message: str | None = None, **params):
        self.code = code
        self.params = params
        self._message = message
        super().__init__(str(code))

    @property
    def message(self) -> str:
        if self._message:
            return self._message
        text = str(self.messages[self.code])
        return text % self.params if self.params else text

    def __str__(self) -> str:
        return self.message
