-- CREATE_TABLE syncwright_scopes
CREATE TABLE IF NOT EXISTS `syncwright_scopes` (
  `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
  `replica_id` CHAR(36) NOT NULL,
  `knowledge` LONGBLOB,
  `forgotten_knowledge` LONGBLOB,
  `replica_key_map` LONGBLOB,
  `definition` LONGTEXT NOT NULL,
  `definition_version` INT NOT NULL,
  `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- CREATE_TABLE syncwright_scope_tables
CREATE TABLE IF NOT EXISTS `syncwright_scope_tables` (
  `table_schema` VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  `table_name` VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (`table_schema`, `table_name`),
  FOREIGN KEY (`scope_name`) REFERENCES `syncwright_scopes` (`scope_name`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- CREATE_TABLE syncwright_conflicts
CREATE TABLE IF NOT EXISTS `syncwright_conflicts` (
  `id` BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  `table_name` VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  `pk_json` LONGTEXT NOT NULL,
  `kind` VARCHAR(64) NOT NULL,
  `resolution` VARCHAR(64),
  `local_json` LONGTEXT,
  `remote_json` LONGTEXT,
  `detected_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `resolved` BOOLEAN NOT NULL DEFAULT FALSE,
  `message` LONGTEXT,
  KEY `conflicts_open` (`scope_name`, `resolved`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- CREATE_TABLE syncwright_peers
CREATE TABLE IF NOT EXISTS `syncwright_peers` (
  `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  `peer_id` CHAR(36) NOT NULL,
  `epoch` BIGINT NOT NULL,
  `nonce` VARCHAR(64) NOT NULL,
  `delivered` BIGINT NOT NULL,
  `upstream` BOOLEAN NOT NULL,
  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`scope_name`, `peer_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- CREATE_TABLE syncwright_replica_principals
CREATE TABLE IF NOT EXISTS `syncwright_replica_principals` (
  `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  `replica_id` CHAR(36) NOT NULL,
  `principal` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  `bound_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (`scope_name`, `replica_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- CREATE_TABLE syncwright_clock
CREATE TABLE IF NOT EXISTS `syncwright_clock` (
  `id` TINYINT NOT NULL PRIMARY KEY,
  `tick` BIGINT NOT NULL
) ENGINE=InnoDB;

-- INSERT syncwright_clock
INSERT IGNORE INTO `syncwright_clock` (`id`, `tick`) VALUES (1, 0);

-- CREATE_TABLE shop.syncwright_trk_Order `Lines` 'ü'_40ccb10e
CREATE TABLE IF NOT EXISTS `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (
  `order` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `line no` int NOT NULL,
  `sw_tick` BIGINT NULL,
  `sw_pend` TINYINT NULL,
  `sw_cv` BIGINT NOT NULL,
  `sw_dv` BIGINT NULL,
  `sw_at` DATETIME(6) NOT NULL,
  `sw_v0` BIGINT NULL,
  `sw_v1` BIGINT NULL,
  `sw_v2` BIGINT NULL,
  PRIMARY KEY (`order`, `line no`),
  KEY `sw_tick` (`sw_tick`),
  KEY `sw_pend` (`sw_pend`)
) ENGINE=InnoDB;

-- CREATE_TRIGGER shop.Order `Lines` 'ü' insert
CREATE TRIGGER `shop`.`syncwright_ai_Order ``Lines`` 'ü'_40ccb10e` AFTER INSERT ON `shop`.`Order ``Lines`` 'ü'` FOR EACH ROW
BEGIN
  IF NOT (@syncwright_suppress <=> 'syncwright_trk_Order `Lines` ''ü''_40ccb10e') THEN
    INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_at`)
      VALUES (NEW.`order`, NEW.`line no`, 1, -1, UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE `order` = NEW.`order`, `line no` = NEW.`line no`, `sw_pend` = 1, `sw_cv` = -1, `sw_dv` = NULL, `sw_at` = UTC_TIMESTAMP(6), `sw_v0` = NULL, `sw_v1` = NULL, `sw_v2` = NULL;
  END IF;
END;

-- CREATE_TRIGGER shop.Order `Lines` 'ü' update
CREATE TRIGGER `shop`.`syncwright_au_Order ``Lines`` 'ü'_40ccb10e` AFTER UPDATE ON `shop`.`Order ``Lines`` 'ü'` FOR EACH ROW
BEGIN
  IF NOT (@syncwright_suppress <=> 'syncwright_trk_Order `Lines` ''ü''_40ccb10e') THEN
    IF NOT (CAST(OLD.`order` AS BINARY) <=> CAST(NEW.`order` AS BINARY)) OR NOT (OLD.`line no` <=> NEW.`line no`) THEN
      INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_dv`, `sw_at`)
      VALUES (OLD.`order`, OLD.`line no`, 1, -1, -1, UTC_TIMESTAMP(6))
      ON DUPLICATE KEY UPDATE `sw_pend` = 1, `sw_dv` = -1, `sw_at` = UTC_TIMESTAMP(6);
      INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_at`)
        VALUES (NEW.`order`, NEW.`line no`, 1, -1, UTC_TIMESTAMP(6))
      ON DUPLICATE KEY UPDATE `order` = NEW.`order`, `line no` = NEW.`line no`, `sw_pend` = 1, `sw_cv` = -1, `sw_dv` = NULL, `sw_at` = UTC_TIMESTAMP(6), `sw_v0` = NULL, `sw_v1` = NULL, `sw_v2` = NULL;
    ELSEIF NOT (OLD.`qty` <=> NEW.`qty`) OR NOT (CAST(OLD.`Note``s` AS BINARY) <=> CAST(NEW.`Note``s` AS BINARY)) OR NOT (OLD.`doc` <=> NEW.`doc`) THEN
      INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_at`)
      VALUES (NEW.`order`, NEW.`line no`, 1, -1, UTC_TIMESTAMP(6))
      ON DUPLICATE KEY UPDATE `sw_pend` = 1, `sw_at` = UTC_TIMESTAMP(6),
        `sw_v0` = IF((OLD.`qty` <=> NEW.`qty`), `sw_v0`, -1),
        `sw_v1` = IF((CAST(OLD.`Note``s` AS BINARY) <=> CAST(NEW.`Note``s` AS BINARY)), `sw_v1`, -1),
        `sw_v2` = IF((OLD.`doc` <=> NEW.`doc`), `sw_v2`, -1);
    END IF;
  END IF;
END;

-- CREATE_TRIGGER shop.Order `Lines` 'ü' delete
CREATE TRIGGER `shop`.`syncwright_ad_Order ``Lines`` 'ü'_40ccb10e` AFTER DELETE ON `shop`.`Order ``Lines`` 'ü'` FOR EACH ROW
BEGIN
  IF NOT (@syncwright_suppress <=> 'syncwright_trk_Order `Lines` ''ü''_40ccb10e') THEN
    INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_dv`, `sw_at`)
    VALUES (OLD.`order`, OLD.`line no`, 1, -1, -1, UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE `sw_pend` = 1, `sw_dv` = -1, `sw_at` = UTC_TIMESTAMP(6);
  END IF;
END;

-- CREATE_TABLE shop.syncwright_g_Order `Lines` 'ü'_40ccb10e
CREATE TABLE IF NOT EXISTS `shop`.`syncwright_g_Order ``Lines`` 'ü'_40ccb10e` (
  `order` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `line no` int NOT NULL,
  CONSTRAINT `syncwright_notruncate_Order ``Lines`` 'ü'_40ccb10e` FOREIGN KEY (`order`, `line no`) REFERENCES `shop`.`Order ``Lines`` 'ü'` (`order`, `line no`)
) ENGINE=InnoDB;

-- INSERT shop.syncwright_trk_Order `Lines` 'ü'_40ccb10e
INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_tick`, `sw_pend`, `sw_cv`, `sw_dv`, `sw_at`)
SELECT b.`order`, b.`line no`, c.`t`, NULL, c.`t`, NULL, UTC_TIMESTAMP(6)
FROM `shop`.`Order ``Lines`` 'ü'` b JOIN (SELECT `tick` + 1 AS `t` FROM `syncwright_clock` WHERE `id` = 1 FOR UPDATE) c ON 1 = 1
ON DUPLICATE KEY UPDATE `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e`.`sw_cv` = `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e`.`sw_cv`;

-- UPDATE syncwright_clock
UPDATE `syncwright_clock` SET `tick` = `tick` + 1 WHERE `id` = 1;

-- ALTER_TABLE shop.syncwright_trk_Order `Lines` 'ü'_40ccb10e
ALTER TABLE `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` ADD COLUMN `sw_v3` BIGINT NULL;

-- DROP_TRIGGER shop.Order `Lines` 'ü' delete
DROP TRIGGER IF EXISTS `shop`.`syncwright_ad_Order ``Lines`` 'ü'_40ccb10e`;

-- DROP_TRIGGER shop.Order `Lines` 'ü' update
DROP TRIGGER IF EXISTS `shop`.`syncwright_au_Order ``Lines`` 'ü'_40ccb10e`;

-- DROP_TRIGGER shop.Order `Lines` 'ü' insert
DROP TRIGGER IF EXISTS `shop`.`syncwright_ai_Order ``Lines`` 'ü'_40ccb10e`;

-- CREATE_TRIGGER shop.Order `Lines` 'ü' insert
CREATE TRIGGER `shop`.`syncwright_ai_Order ``Lines`` 'ü'_40ccb10e` AFTER INSERT ON `shop`.`Order ``Lines`` 'ü'` FOR EACH ROW
BEGIN
  IF NOT (@syncwright_suppress <=> 'syncwright_trk_Order `Lines` ''ü''_40ccb10e') THEN
    INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_at`)
      VALUES (NEW.`order`, NEW.`line no`, 1, -1, UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE `order` = NEW.`order`, `line no` = NEW.`line no`, `sw_pend` = 1, `sw_cv` = -1, `sw_dv` = NULL, `sw_at` = UTC_TIMESTAMP(6), `sw_v0` = NULL, `sw_v1` = NULL, `sw_v2` = NULL, `sw_v3` = NULL;
  END IF;
END;

-- CREATE_TRIGGER shop.Order `Lines` 'ü' update
CREATE TRIGGER `shop`.`syncwright_au_Order ``Lines`` 'ü'_40ccb10e` AFTER UPDATE ON `shop`.`Order ``Lines`` 'ü'` FOR EACH ROW
BEGIN
  IF NOT (@syncwright_suppress <=> 'syncwright_trk_Order `Lines` ''ü''_40ccb10e') THEN
    IF NOT (CAST(OLD.`order` AS BINARY) <=> CAST(NEW.`order` AS BINARY)) OR NOT (OLD.`line no` <=> NEW.`line no`) THEN
      INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_dv`, `sw_at`)
      VALUES (OLD.`order`, OLD.`line no`, 1, -1, -1, UTC_TIMESTAMP(6))
      ON DUPLICATE KEY UPDATE `sw_pend` = 1, `sw_dv` = -1, `sw_at` = UTC_TIMESTAMP(6);
      INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_at`)
        VALUES (NEW.`order`, NEW.`line no`, 1, -1, UTC_TIMESTAMP(6))
      ON DUPLICATE KEY UPDATE `order` = NEW.`order`, `line no` = NEW.`line no`, `sw_pend` = 1, `sw_cv` = -1, `sw_dv` = NULL, `sw_at` = UTC_TIMESTAMP(6), `sw_v0` = NULL, `sw_v1` = NULL, `sw_v2` = NULL, `sw_v3` = NULL;
    ELSEIF NOT (OLD.`qty` <=> NEW.`qty`) OR NOT (CAST(OLD.`Note``s` AS BINARY) <=> CAST(NEW.`Note``s` AS BINARY)) OR NOT (OLD.`doc` <=> NEW.`doc`) OR NOT (CAST(OLD.`color` AS BINARY) <=> CAST(NEW.`color` AS BINARY)) THEN
      INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_at`)
      VALUES (NEW.`order`, NEW.`line no`, 1, -1, UTC_TIMESTAMP(6))
      ON DUPLICATE KEY UPDATE `sw_pend` = 1, `sw_at` = UTC_TIMESTAMP(6),
        `sw_v0` = IF((OLD.`qty` <=> NEW.`qty`), `sw_v0`, -1),
        `sw_v1` = IF((CAST(OLD.`Note``s` AS BINARY) <=> CAST(NEW.`Note``s` AS BINARY)), `sw_v1`, -1),
        `sw_v2` = IF((OLD.`doc` <=> NEW.`doc`), `sw_v2`, -1),
        `sw_v3` = IF((CAST(OLD.`color` AS BINARY) <=> CAST(NEW.`color` AS BINARY)), `sw_v3`, -1);
    END IF;
  END IF;
END;

-- CREATE_TRIGGER shop.Order `Lines` 'ü' delete
CREATE TRIGGER `shop`.`syncwright_ad_Order ``Lines`` 'ü'_40ccb10e` AFTER DELETE ON `shop`.`Order ``Lines`` 'ü'` FOR EACH ROW
BEGIN
  IF NOT (@syncwright_suppress <=> 'syncwright_trk_Order `Lines` ''ü''_40ccb10e') THEN
    INSERT INTO `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` (`order`, `line no`, `sw_pend`, `sw_cv`, `sw_dv`, `sw_at`)
    VALUES (OLD.`order`, OLD.`line no`, 1, -1, -1, UTC_TIMESTAMP(6))
    ON DUPLICATE KEY UPDATE `sw_pend` = 1, `sw_dv` = -1, `sw_at` = UTC_TIMESTAMP(6);
  END IF;
END;

-- CREATE_TABLE shop.syncwright_g_Order `Lines` 'ü'_40ccb10e
CREATE TABLE IF NOT EXISTS `shop`.`syncwright_g_Order ``Lines`` 'ü'_40ccb10e` (
  `order` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `line no` int NOT NULL,
  CONSTRAINT `syncwright_notruncate_Order ``Lines`` 'ü'_40ccb10e` FOREIGN KEY (`order`, `line no`) REFERENCES `shop`.`Order ``Lines`` 'ü'` (`order`, `line no`)
) ENGINE=InnoDB;

-- DROP_TRIGGER shop.Order `Lines` 'ü' delete
DROP TRIGGER IF EXISTS `shop`.`syncwright_ad_Order ``Lines`` 'ü'_40ccb10e`;

-- DROP_TRIGGER shop.Order `Lines` 'ü' update
DROP TRIGGER IF EXISTS `shop`.`syncwright_au_Order ``Lines`` 'ü'_40ccb10e`;

-- DROP_TRIGGER shop.Order `Lines` 'ü' insert
DROP TRIGGER IF EXISTS `shop`.`syncwright_ai_Order ``Lines`` 'ü'_40ccb10e`;

-- DROP_TABLE shop.syncwright_g_Order `Lines` 'ü'_40ccb10e
DROP TABLE IF EXISTS `shop`.`syncwright_g_Order ``Lines`` 'ü'_40ccb10e`;

-- DROP_TABLE shop.syncwright_trk_Order `Lines` 'ü'_40ccb10e
DROP TABLE IF EXISTS `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e`;

-- DROP_TABLE syncwright_clock
DROP TABLE IF EXISTS `syncwright_clock`;

-- DROP_TABLE syncwright_replica_principals
DROP TABLE IF EXISTS `syncwright_replica_principals`;

-- DROP_TABLE syncwright_peers
DROP TABLE IF EXISTS `syncwright_peers`;

-- DROP_TABLE syncwright_conflicts
DROP TABLE IF EXISTS `syncwright_conflicts`;

-- DROP_TABLE syncwright_scope_tables
DROP TABLE IF EXISTS `syncwright_scope_tables`;

-- DROP_TABLE syncwright_scopes
DROP TABLE IF EXISTS `syncwright_scopes`;

-- stamping
SELECT `order`, `line no` FROM `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` WHERE `sw_pend` = 1 LIMIT 5000 FOR UPDATE SKIP LOCKED;

UPDATE `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` SET `sw_tick` = ?, `sw_pend` = NULL,
    `sw_cv` = IF(`sw_cv` = -1, ?, `sw_cv`),
    `sw_dv` = IF(`sw_dv` = -1, ?, `sw_dv`),
    `sw_v0` = IF(`sw_v0` = -1, ?, `sw_v0`),
    `sw_v1` = IF(`sw_v1` = -1, ?, `sw_v1`),
    `sw_v2` = IF(`sw_v2` = -1, ?, `sw_v2`)
WHERE (`order`, `line no`) IN ((?, ?), (?, ?));
