"""newsdesk.read"""
