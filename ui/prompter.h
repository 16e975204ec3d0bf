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
};

class DialogPrompter final : public Prompter
{
public:
    std::optional<QString> askRejectionReason(QWidget *parent, int count) override;
    bool confirm(QWidget *parent, const QString &title, const QString &text) override;
    std::optional<QString> askNewPassword(QWidget *parent, const QString &login, const QString &problem) override;
};

} // namespace sg::ui
