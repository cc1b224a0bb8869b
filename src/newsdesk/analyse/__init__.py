"""newsdesk.analyse"""
