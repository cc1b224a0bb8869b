"""newsdesk.group"""
