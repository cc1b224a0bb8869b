"""newsdesk.publish"""
