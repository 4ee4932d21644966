package io.attain.systemtests;

import io.attain.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Direct access to {@code pipeline.deal-events.v1}: read a deal's records, deliver them again, check consumer lag. */
final class DealEventLog {
    private final String bootstrapServers;

    DealEventLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every record on the topic whose key is {@code dealId}, in partition order; bytes and headers untouched. */
    List<ConsumerRecord<byte[], byte[]>> recordsOf(String dealId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAL_EVENTS, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Instant deadline = Instant.now().plusSeconds(30);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + Topics.DEAL_EVENTS + " to its end offsets " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && dealId.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Publishes each record again to its own partition with the same key, value and headers (same ce_id). */
    void redeliver(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                        record.headers())).get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while re-delivering", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("could not re-deliver deal events", e);
        }
    }

    /**
     * How many records of the topic the consumer groups that read it have not yet committed: zero once
     * every group that consumes the topic has processed everything on it. {@code -1} while no group has
     * committed anything on the topic yet.
     */
    long unconsumed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS)
                    .stream().map(GroupListing::groupId).toList();
            Map<TopicPartition, Long> end = endOffsets(admin);
            long lag = 0;
            boolean anyGroup = false;
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).entrySet().stream()
                        .filter(e -> e.getKey().topic().equals(Topics.DEAL_EVENTS) && e.getValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                if (committed.isEmpty()) {
                    continue;
                }
                anyGroup = true;
                for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                    OffsetAndMetadata offset = committed.get(partition.getKey());
                    lag += partition.getValue() - (offset == null ? 0 : offset.offset());
                }
            }
            return anyGroup ? lag : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("cannot read consumer group offsets", e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        int partitions = admin.describeTopics(List.of(Topics.DEAL_EVENTS)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(Topics.DEAL_EVENTS).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            request.put(new TopicPartition(Topics.DEAL_EVENTS, i), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }
}
