"""kompetens: skills-based hiring for social-media and digital-communication roles (Swedish + English)."""

__version__ = "0.1.0"
