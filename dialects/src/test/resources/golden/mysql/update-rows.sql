-- base rows
UPDATE `shop`.`Order ``Lines`` 'ü'` AS b JOIN (SELECT ? AS k1, ? AS s1, ? AS s2, ? AS s3 UNION ALL SELECT ?, ?, ?, ? UNION ALL SELECT ?, ?, ?, ?) AS v ON b.`line no` = v.k1 SET b.`qty` = v.s1, b.`Note``s` = v.s2, b.`doc` = v.s3;

-- tracking rows
UPDATE `shop`.`syncwright_trk_Order ``Lines`` 'ü'_40ccb10e` AS b JOIN (SELECT ? AS k1, ? AS s1, ? AS s2 UNION ALL SELECT ?, ?, ?) AS v ON b.`line no` = v.k1 SET b.`sw_tick` = v.s1, b.`sw_pend` = v.s2, sw_at = UTC_TIMESTAMP(6);

-- a textual key: one UPDATE per row
