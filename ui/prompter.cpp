#include "prompter.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QMessageBox>

namespace sg::ui {

std::optional<QString> DialogPrompter::askRejectionReason(QWidget *parent, int count)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("sg::ui::DialogPrompter", text); };
    for (;;) {
        bool ok = false;
        const QString reason = QInputDialog::getMultiLineText(parent, tr("Reject"),
            QCoreApplication::translate("sg::ui::DialogPrompter",
                "Why are you rejecting %n person(s)? The reason is shown to them and in the report.", nullptr, count),
            QString(), &ok);
        if (!ok)
            return std::nullopt;
        if (!reason.trimmed().isEmpty())
            return reason.trimmed().left(500);
        QMessageBox::warning(parent, tr("Reject"), tr("Enter a reason: a rejection without one is not accepted."));
    }
}

bool DialogPrompter::confirm(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

} // namespace sg::ui
