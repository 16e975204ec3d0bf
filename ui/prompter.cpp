#include "prompter.h"

#include "core/passwordpolicy.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

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

std::optional<QString> DialogPrompter::askNewPassword(QWidget *parent, const QString &login, const QString &problem)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("sg::ui::DialogPrompter", text); };
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("newPasswordDialog"));
    dialog.setWindowTitle(tr("Set a new password"));
    auto *intro =
        new QLabel(tr("You signed in with a one-time password from the e-mail. Choose your own password: at "
                      "least 12 characters; a phrase of several words is easy to remember and hard to guess."),
            &dialog);
    intro->setWordWrap(true);
    auto *first = new QLineEdit(&dialog);
    auto *second = new QLineEdit(&dialog);
    first->setObjectName(QStringLiteral("newPasswordLineEdit"));
    second->setObjectName(QStringLiteral("repeatPasswordLineEdit"));
    first->setEchoMode(QLineEdit::Password);
    second->setEchoMode(QLineEdit::Password);
    first->setAccessibleName(tr("New password"));
    second->setAccessibleName(tr("Repeat the new password"));
    auto *hint = new QLabel(problem, &dialog);
    hint->setObjectName(QStringLiteral("passwordProblemLabel"));
    hint->setWordWrap(true);
    hint->setProperty("banner", problem.isEmpty() ? QString() : QStringLiteral("error"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    const auto check = [&] {
        QString message = PasswordPolicy::check(first->text(), login);
        if (message.isEmpty() && first->text() != second->text())
            message = tr("The two passwords differ.");
        ok->setEnabled(message.isEmpty());
        hint->setText(first->text().isEmpty() ? problem : message);
    };
    QObject::connect(first, &QLineEdit::textChanged, &dialog, check);
    QObject::connect(second, &QLineEdit::textChanged, &dialog, check);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(tr("New password:"), first);
    form->addRow(tr("Repeat:"), second);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    check();
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return first->text();
}

std::optional<QString> DialogPrompter::askOpenFile(QWidget *parent, const QString &title, const QString &filter)
{
    const QString path = QFileDialog::getOpenFileName(
        parent, title, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), filter);
    if (path.isEmpty())
        return std::nullopt;
    return path;
}

std::optional<QString> DialogPrompter::askSaveFile(
    QWidget *parent, const QString &title, const QString &suggestedName, const QString &filter)
{
    const QString start =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(suggestedName);
    const QString path = QFileDialog::getSaveFileName(parent, title, start, filter);
    if (path.isEmpty())
        return std::nullopt;
    return path;
}

void DialogPrompter::inform(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::information(parent, title, text);
}

} // namespace sg::ui
