from axes.backends import AxesStandaloneBackend


class StaffLockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check for every login over HTTP. Code that authenticates without a request
    (the shell, the test client's login()) is not a login from an address and is not counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
