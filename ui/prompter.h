#pragma once

#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace sg::ui {

// The questions the app asks the user in modal dialogs. Tests pass a scripted fake.
class Prompter
{
public:
    virtual ~Prompter() = default;
    // The reason for rejecting `count` people; nullopt if the user cancels.
    virtual std::optional<QString> askRejectionReason(QWidget *parent, int count) = 0;
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text) = 0;
    // A new password for `login` (first sign-in with a mailed one-time password); nullopt if the user cancels.
    // `problem` explains why the previous answer was refused (empty the first time).
    virtual std::optional<QString> askNewPassword(QWidget *parent, const QString &login, const QString &problem) = 0;
    // A file to open / a path to save to (a file dialog); nullopt if the user cancels.
    // filter: "PDF, JPEG, PNG (*.pdf *.jpg *.jpeg *.png)".
    virtual std::optional<QString> askOpenFile(QWidget *parent, const QString &title, const QString &filter) = 0;
    virtual std::optional<QString> askSaveFile(
        QWidget *parent, const QString &title, const QString &suggestedName, const QString &filter) = 0;
    // Tells the user something that needs no answer (a message box).
    virtual void inform(QWidget *parent, const QString &title, const QString &text) = 0;
};

class DialogPrompter final : public Prompter
{
public:
    std::optional<QString> askRejectionReason(QWidget *parent, int count) override;
    bool confirm(QWidget *parent, const QString &title, const QString &text) override;
    std::optional<QString> askNewPassword(QWidget *parent, const QString &login, const QString &problem) override;
    std::optional<QString> askOpenFile(QWidget *parent, const QString &title, const QString &filter) override;
    std::optional<QString> askSaveFile(
        QWidget *parent, const QString &title, const QString &suggestedName, const QString &filter) override;
    void inform(QWidget *parent, const QString &title, const QString &text) override;
};

} // namespace sg::ui
