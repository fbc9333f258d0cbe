"""caibao (财报助手): a WeChat Official Account bot answering questions about company reports."""

__version__ = "0.1.0"
