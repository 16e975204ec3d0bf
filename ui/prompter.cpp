#include "prompter.h"

#include "core/passwordpolicy.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace sg::ui {

std::optional<QString> DialogPrompter::askRejectionReason(QWidget *parent, int count)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("sg::ui::DialogPrompter", text); };
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("rejectDialog"));
    dialog.setWindowTitle(tr("Reject"));
    auto *question = new QLabel(
        QCoreApplication::translate("sg::ui::DialogPrompter",
            "Why are you rejecting %n person(s)? The reason is shown to them and in the report.", nullptr, count),
        &dialog);
    question->setWordWrap(true);
    auto *common = new QComboBox(&dialog);
    common->setObjectName(QStringLiteral("commonReasonsComboBox"));
    common->setAccessibleName(tr("Common reasons"));
    common->addItem(tr("Choose a common reason…"));
    for (const char *reason : {QT_TRANSLATE_NOOP("sg::ui::DialogPrompter", "Does not work at this school"),
             QT_TRANSLATE_NOOP("sg::ui::DialogPrompter", "Does not study at this school"),
             QT_TRANSLATE_NOOP("sg::ui::DialogPrompter", "The name, class or subject is wrong"),
             QT_TRANSLATE_NOOP("sg::ui::DialogPrompter", "The same person applied twice")})
        common->addItem(tr(reason));
    auto *text = new QPlainTextEdit(&dialog);
    text->setObjectName(QStringLiteral("reasonTextEdit"));
    text->setAccessibleName(tr("Reason"));
    text->setTabChangesFocus(true); // Tab moves on to the buttons; a reason has no use for tab characters
    text->setPlaceholderText(tr("The reason, in a few words (Ctrl+Enter rejects)"));
    auto *problem = new QLabel(&dialog);
    problem->setObjectName(QStringLiteral("reasonProblemLabel"));
    problem->setWordWrap(true);
    problem->setVisible(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
    QPushButton *reject = buttons->addButton(tr("Reject"), QDialogButtonBox::AcceptRole);
    reject->setObjectName(QStringLiteral("rejectConfirmButton"));
    reject->setDefault(true);
    QObject::connect(common, &QComboBox::activated, &dialog, [common, text](int index) {
        if (index > 0) {
            text->setPlainText(common->itemText(index));
            text->setFocus();
        }
    });
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    const auto accept = [&dialog, text, problem, tr] {
        if (text->toPlainText().trimmed().isEmpty()) {
            problem->setText(tr("Enter a reason: a rejection without one is not accepted."));
            problem->setProperty("banner", QStringLiteral("error"));
            problem->setVisible(true);
            text->setFocus();
            return;
        }
        dialog.accept();
    };
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, accept);
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, &dialog);
        QObject::connect(shortcut, &QShortcut::activated, &dialog, accept);
    }
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(question);
    layout->addWidget(common);
    layout->addWidget(text, 1);
    layout->addWidget(problem);
    layout->addWidget(buttons);
    text->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return text->toPlainText().trimmed().left(500);
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
