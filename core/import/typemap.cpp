// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "core/import/typemap.h"

#include "core/import/templatevalues.h"
#include "core/model/wellknown.h"

#include <QHash>
#include <QStringList>

namespace ew::core::samimport {

using namespace wellknown;

QString kindForType(const QString &type, const Value &props)
{
    if (type == u"AWS::Serverless::Function" || type == u"AWS::Lambda::Function")
        return KindFunction;
    if (type == u"AWS::SQS::Queue")
        return KindQueue;
    if (type == u"AWS::SNS::Topic")
        return KindTopic;
    if (type == u"AWS::S3::Bucket")
        return KindBucket;
    if (type == u"AWS::DynamoDB::Table" || type == u"AWS::Serverless::SimpleTable")
        return KindTable;
    if (type == u"AWS::Kinesis::Stream")
        return KindStream;
    if (type == u"AWS::Events::EventBus")
        return KindBus;
    if (type == u"AWS::MSK::Cluster" || type == u"AWS::MSK::ServerlessCluster")
        return KindMsk;
    if (type == u"AWS::Serverless::Api" || type == u"AWS::ApiGateway::RestApi")
        return KindRest;
    if (type == u"AWS::Serverless::HttpApi")
        return KindHttp;
    if (type == u"AWS::ApiGatewayV2::Api")
        return text(props.find(QStringLiteral("ProtocolType"))) == u"WEBSOCKET" ? QString() : KindHttp;
    if (type == u"AWS::Events::Rule")
        return props.find(QStringLiteral("ScheduleExpression")) ? KindSchedule : KindRule;
    return {};
}

QString serviceKind(const QString &service)
{
    static const QHash<QString, QString> table = {
        {QStringLiteral("dynamodb"), KindTable}, {QStringLiteral("s3"), KindBucket}, {QStringLiteral("sqs"), KindQueue},
        {QStringLiteral("sns"), KindTopic}, {QStringLiteral("kinesis"), KindStream}, {QStringLiteral("events"), KindBus},
    };
    return table.value(service.toLower());
}

int policyTemplateAccess(const QString &name)
{
    static const QHash<QString, int> table = {
        {QStringLiteral("DynamoDBCrudPolicy"), 3}, {QStringLiteral("DynamoDBReadPolicy"), 1},
        {QStringLiteral("DynamoDBWritePolicy"), 2}, {QStringLiteral("DynamoDBStreamReadPolicy"), 1},
        {QStringLiteral("DynamoDBReconfigurePolicy"), 3}, {QStringLiteral("DynamoDBBackupFullAccessPolicy"), 3},
        {QStringLiteral("DynamoDBRestoreFromBackupPolicy"), 3},
        {QStringLiteral("S3ReadPolicy"), 1}, {QStringLiteral("S3WritePolicy"), 2}, {QStringLiteral("S3CrudPolicy"), 3},
        {QStringLiteral("S3FullAccessPolicy"), 3},
        {QStringLiteral("SQSSendMessagePolicy"), 2}, {QStringLiteral("SQSPollerPolicy"), 1},
        {QStringLiteral("SNSPublishMessagePolicy"), 2}, {QStringLiteral("SNSCrudPolicy"), 3},
        {QStringLiteral("EventBridgePutEventsPolicy"), 2},
        {QStringLiteral("KinesisStreamReadPolicy"), 1}, {QStringLiteral("KinesisCrudPolicy"), 3},
    };
    return table.value(name, 0);
}

int actionAccess(const QString &action)
{
    const QString verb = action.section(u':', 1);
    if (verb == u"*" || verb.isEmpty())
        return 3;
    static const QStringList readVerbs = {QStringLiteral("Get"), QStringLiteral("List"), QStringLiteral("Describe"),
                                          QStringLiteral("Query"), QStringLiteral("Scan"), QStringLiteral("Receive"),
                                          QStringLiteral("BatchGet"), QStringLiteral("Read"), QStringLiteral("Subscribe"),
                                          QStringLiteral("DeleteMessage"), QStringLiteral("ChangeMessageVisibility"),
                                          QStringLiteral("ConditionCheck"), QStringLiteral("PartiQLSelect")};
    for (const QString &r : readVerbs) {
        if (verb.startsWith(r))
            return 1;
    }
    return 2;
}

QString accessName(int bits)
{
    return bits == 1 ? QStringLiteral("read") : bits == 2 ? QStringLiteral("write") : QStringLiteral("read-write");
}

} // namespace ew::core::samimport
