"""The Operator panel: who is signed in on this console, sign in and sign out.

Commands carry the signed-in operator's identity and the edge nodes authorize them by role
(docs/security.md).  Signing in never blocks the live views: the password check (scrypt,
a few hundred milliseconds by design) runs off the GUI thread.  A wrong user or password, or
a disabled account, is refused with one message that does not say which of them was wrong.
Signing out leaves no operator: the console's commands are then refused until someone signs
in, and a refused stop is announced as a critical alert like any undelivered stop.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from app.core.errors import CoreError
from app.ui.actions import QT_TRANSLATE_NOOP
from app.ui.language import ltr

if TYPE_CHECKING:
    from app.core.service import SiteService
    from app.ui.main_window import ConsoleWindow

log = logging.getLogger(__name__)


class OperatorPanel(QWidget):
    """Sign an operator in or out on the console's site service.

    Parameters
    ----------
    window
        The console window (whose commands name the operator).
    service
        The site service that checks the credentials and stamps the commands.
    """

    def __init__(self, window: ConsoleWindow, service: SiteService) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self.current = QLabel(self)
        self.current.setObjectName("operator.current")
        self.user = QLineEdit(self)
        self.user.setObjectName("operator.user")
        self.password = QLineEdit(self)
        self.password.setObjectName("operator.password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("operator.sign_in")
        self.sign_out_button = QPushButton(self)
        self.sign_out_button.setObjectName("operator.sign_out")
        self.message = QLabel(self)
        self.message.setObjectName("operator.message")
        self.message.setWordWrap(True)
        self._user_label = QLabel(self)
        self._password_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self._user_label, self.user)
        form.addRow(self._password_label, self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.sign_in_button.clicked.connect(self._sign_in_clicked)
        self.password.returnPressed.connect(self._sign_in_clicked)
        self.sign_out_button.clicked.connect(self.sign_out)
        self._message_source: str | None = None
        self.retranslate()

    # ------------------------------------------------------------------ actions

    def _sign_in_clicked(self) -> None:
        self._window.spawn(self.sign_in(self.user.text().strip(), self.password.text()))

    async def sign_in(self, user: str, password: str) -> bool:
        """Check the credentials off the GUI thread; on success the console acts as ``user``."""
        self.password.clear()
        if not user or not password:
            self._say("Enter your user name and password.")
            return False
        self.sign_in_button.setEnabled(False)
        try:
            loop = asyncio.get_running_loop()
            session = await loop.run_in_executor(None, self._service.sign_in, user, password)
        except CoreError as exc:
            log.warning("sign-in of %r refused: %s", user, exc)
            self._say("Sign-in refused: wrong user name or password, or the account is disabled.")
            return False
        finally:
            self.sign_in_button.setEnabled(True)
        previous = self._window.operator
        if previous and previous != session.operator:
            self._service.sign_out(previous)
        self._window.set_operator(session.operator)
        self._say(None)
        self.retranslate()
        return True

    def sign_out(self) -> None:
        """End the current operator's session; commands are refused until someone signs in."""
        operator = self._window.operator
        if operator:
            self._service.sign_out(operator)
        self._window.set_operator("")
        self._say("Signed out. Commands are refused until an operator signs in.")
        self.retranslate()

    # ------------------------------------------------------------------ texts

    def _say(self, source: str | None) -> None:
        self._message_source = source
        self.retranslate()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        operator = self._window.operator
        if operator:
            self.current.setText(self.tr("Signed in: %1").replace("%1", ltr(operator)))
        else:
            self.current.setText(self.tr("No operator signed in"))
        self._user_label.setText(self.tr("User name"))
        self._password_label.setText(self.tr("Password"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.sign_in_button.setToolTip(self.tr("Sign in as another operator on this console"))
        self.sign_out_button.setText(self.tr("Sign out"))
        self.sign_out_button.setToolTip(self.tr("End the current operator's session"))
        self.sign_out_button.setEnabled(bool(operator))
        texts = {
            "Enter your user name and password.": self.tr("Enter your user name and password."),
            "Sign-in refused: wrong user name or password, or the account is disabled.": self.tr(
                "Sign-in refused: wrong user name or password, or the account is disabled."
            ),
            "Signed out. Commands are refused until an operator signs in.": self.tr(
                "Signed out. Commands are refused until an operator signs in."
            ),
        }
        self.message.setText("" if self._message_source is None else texts[self._message_source])


def add_operator_panel(window: ConsoleWindow, service: SiteService) -> OperatorPanel:
    """Dock the Operator panel, tabbed behind the KPIs."""
    panel = OperatorPanel(window, service)
    dock = window.add_panel("operator", QT_TRANSLATE_NOOP("Panels", "Operator"), panel)
    anchor = window.panels().get("kpis")
    if anchor is not None and window.dockWidgetArea(anchor) == window.dockWidgetArea(dock):
        window.tabifyDockWidget(anchor, dock)
        anchor.raise_()
    return panel
