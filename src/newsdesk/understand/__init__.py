"""newsdesk.understand"""
