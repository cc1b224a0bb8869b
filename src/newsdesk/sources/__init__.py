"""newsdesk.sources"""
