"""newsdesk: many messy news reports in, stories people can trust out. Vietnamese first."""

__version__ = "0.1.0"
