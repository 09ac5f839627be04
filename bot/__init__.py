"""storybot: answers readers' questions about a news story, with attributed quotes."""

__version__ = "0.1.0"
